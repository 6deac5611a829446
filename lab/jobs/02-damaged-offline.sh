# Job 2: damaged metadata (state b: the space-map index of the swapped-out metadata corrupted, swapped
# back; thin_check fails and the pool refuses to activate). The playbook with the defaults must take the
# offline path; afterwards the pool and every thin volume activate, every sha256 is unchanged and the old
# metadata is kept under its new name.
. /mnt/lab/lib.sh
lab_job_offline pve data
