# Sourced by the scripts: lets Open MPI run as root (containers, CI) and oversubscribe cores.
export OMPI_ALLOW_RUN_AS_ROOT=1
export OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
# Open MPI's shared-memory transport needs no network; keep it off the network entirely.
export OMPI_MCA_btl="self,vader"
export OMPI_MCA_btl_vader_single_copy_mechanism=none
# One node, shared memory: the ob1 messaging layer starts in a tenth of a second; the default
# selection first probes for network hardware (UCX), which costs about 0.2 s per job here.
# On a cluster with a fast network, leave this unset.
export OMPI_MCA_pml=ob1
