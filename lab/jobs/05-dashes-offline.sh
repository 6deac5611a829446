# Job 5: job 2 with dashes in the names (vg=my-vg, pool=thin-pool): device-mapper doubles every dash
# (my--vg-thin--pool-tpool), so every device path the playbook builds is exercised.
. /mnt/lab/lib.sh
lab_job_offline my-vg thin-pool
