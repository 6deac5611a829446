echo "hello from $(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime)"
lsblk
lvm version | head -3
thin_check -V
java -version 2>&1
lsmod | grep -E "dm_thin|dm_persistent|9p"
fuser -V 2>&1 | head -1; lsof -v 2>&1 | grep -i revision
