/// `qstat -f` output recorded on real PBS systems, for the tests of `PBSBackend`'s reading of it
/// (PBS cannot run on the machines these tests run on). Long values continue on lines that start
/// with a tab, as qstat prints them.
enum QstatSamples {
    /// `qstat -xf` of a finished PBS Professional job that exited 0 (published in the Palmetto
    /// cluster's user guide, Clemson University; user name anonymised there).
    static let finished = """
    Job Id: 7600424.pbs02
        Job_Name = pi-mpi
        Job_Owner = username@login001.palmetto.clemson.edu
        resources_used.cpupercent = 103
        resources_used.cput = 00:00:04
        resources_used.mem = 45460kb
        resources_used.ncpus = 8
        resources_used.vmem = 785708kb
        resources_used.walltime = 00:02:08
        job_state = F
        queue = c1_single
        server = pbs02
        Checkpoint = u
        ctime = Tue Dec 13 14:09:32 2016
        Error_Path = login001.palmetto.clemson.edu:/home/username/MPI/pi-mpi.e7600424

        exec_host = node0088/1*2+node0094/1*2+node0094/2*2+node0085/0*2
        exec_vnode = (node0088:ncpus=2:mem=1048576kb:ngpus=0:nphis=0)+(node0094:ncp
    \tus=2:mem=1048576kb:ngpus=0:nphis=0)+(node0094:ncpus=2:mem=1048576kb:ngp
    \tus=0:nphis=0)+(node0085:ncpus=2:mem=1048576kb:ngpus=0:nphis=0)
        Hold_Types = n
        Join_Path = oe
        Keep_Files = n
        Mail_Points = a
        Mail_Users = username@clemson.edu
        mtime = Tue Dec 13 14:11:42 2016
        Output_Path = login001.palmetto.clemson.edu:/home/username/MPI/pi-mpi.o760042
    \t4
        Priority = 0
        qtime = Tue Dec 13 14:09:32 2016
        Rerunable = True
        Resource_List.mem = 4gb
        Resource_List.mpiprocs = 8
        Resource_List.ncpus = 8
        Resource_List.ngpus = 0
        Resource_List.nodect = 4
        Resource_List.nphis = 0
        Resource_List.place = free:shared
        Resource_List.qcat = c1_workq_qcat
        Resource_List.select = 4:ncpus=2:mem=1gb:interconnect=1g:mpiprocs=2
        Resource_List.walltime = 00:05:00
        stime = Tue Dec 13 14:09:33 2016
        session_id = 2708
        jobdir = /home/username
        substate = 92
        Variable_List = PBS_O_SYSTEM=Linux,PBS_O_SHELL=/bin/bash,
    \tPBS_O_HOME=/home/username,PBS_O_LOGNAME=username,
    \tPBS_O_WORKDIR=/home/username/MPI,PBS_O_LANG=en_US.UTF-8,
    \tPBS_O_PATH=/software/examples/:/home/username/local/bin:/usr/lib64/qt-3
    \t.3/bin:/opt/pbs/default/bin:/opt/gold/bin:/usr/local/bin:/bin:/usr/bin:
    \t/usr/local/sbin:/usr/sbin:/sbin:/opt/mx/bin:/home/username/bin,
    \tPBS_O_MAIL=/var/spool/mail/username,PBS_O_QUEUE=c1_workq,
    \tPBS_O_HOST=login001.palmetto.clemson.edu
        comment = Job run at Tue Dec 13 at 14:09 on (node0088:ncpus=2:mem=1048576kb
    \t:ngpus=0:nphis=0)+(node0094:ncpus=2:mem=1048576kb:ngpus=0:nphis=0)+(nod
    \te0094:ncpus=2:mem=1048576kb:ngpus=0:nphis=0)+(node0085:ncpus=2:mem=1048
    \t576kb:ngpus=0:nphis=0) and finished
        etime = Tue Dec 13 14:09:32 2016
        run_count = 1
        Stageout_status = 1
        Exit_status = 0
        Submit_arguments = job.sh
        history_timestamp = 1481656302
        project = _pbs_project_default
    """

    /// `qstat -f` of a running and a held PBS Professional job (from the PBS Professional parser
    /// tests of AiiDA; user names anonymised there; `Variable_List` shortened).
    static let runningAndHeld = """
    Job Id: 69301.mycluster
        Job_Name = Cu-dbp
        Job_Owner = user02@mycluster.cluster
        resources_used.cpupercent = 6384
        resources_used.cput = 4090:56:03
        resources_used.mem = 13378420kb
        resources_used.ncpus = 64
        resources_used.vmem = 9866188kb
        resources_used.walltime = 64:26:16
        job_state = R
        queue = P_lsu
        server = mycluster
        Account_Name = lsu
        Checkpoint = u
        ctime = Wed Apr 10 17:10:29 2013
        depend = afterok:69299.mycluster@mycluster.cluster,
    \tbeforeok:69302.mycluster@mycluster.cluster
        Error_Path = mycluster.cluster:/scratch/user02/QMMM-CuPhens/dbp/NOSE/RUN7/C
    \tu-dbp.e69301
        exec_host = b141/0*16+b142/0*16+b143/0*16+b144/0*16
        exec_vnode = (b141:ncpus=16)+(b142:ncpus=16)+(b143:ncpus=16)+(b144:ncpus=16
    \t)
        Hold_Types = n
        Join_Path = oe
        Keep_Files = n
        Mail_Points = a
        mtime = Sat Apr 20 01:37:01 2013
        Output_Path = mycluster.cluster:/scratch/user02/QMMM-CuPhens/dbp/NOSE/RUN7/
    \tCu-dbp.o69301
        Priority = 0
        qtime = Wed Apr 10 17:10:29 2013
        Rerunable = False
        Resource_List.mpiprocs = 4
        Resource_List.ncpus = 64
        Resource_List.nodect = 4
        Resource_List.place = excl
        Resource_List.select = 4:ncpus=16
        Resource_List.walltime = 72:00:00
        stime = Sat Apr 20 01:36:59 2013
        session_id = 118473
        Shell_Path_List = /bin/tcsh
        jobdir = /home/user02
        substate = 42
        Variable_List = SSH_ASKPASS=/usr/libexec/openssh/gnome-ssh-askpass,
    \tPERL_BADLANG=0,KDE_IS_PRELINKED=1,PBS_O_HOME=/home/user02,
    \tmodule=() {  eval `/usr/bin/modulecmd bash $*`,},
    \tLESSOPEN=|/usr/bin/lesspipe.sh %s,PBS_O_LOGNAME=user02,
    \tSSH_CLIENT=128.178.54.94 46714 22,CVS_RSH=ssh,PBS_O_LANG=C,USER=user02,
    \tHOME=/home/user02,LIBGL_ALWAYS_INDIRECT=yes,
    \tPBS_O_WORKDIR=/scratch/user02/QMMM-CuPhens/dbp/NOSE/RUN7,
    \tPBS_O_HOST=mycluster.cluster
        comment = Job run at Sat Apr 20 at 01:36 on (b141:ncpus=16)+(b142:ncpus=16)
    \t+(b143:ncpus=16)+(b144:ncpus=16)
        etime = Sat Apr 20 01:36:59 2013
        Submit_arguments = job.sh
        project = _pbs_project_default

    Job Id: 69302.mycluster
        Job_Name = Cu-dbp
        Job_Owner = user02@mycluster.cluster
        job_state = H
        queue = P_lsu
        server = mycluster
        Account_Name = lsu
        Checkpoint = u
        ctime = Wed Apr 10 17:11:21 2013
        depend = afterok:69301.mycluster@mycluster.cluster
        Error_Path = mycluster.cluster:/scratch/user02/QMMM-CuPhens/dbp/NOSE/RUN8/C
    \tu-dbp.e69302
        Hold_Types = s
        Join_Path = oe
        Keep_Files = n
        Mail_Points = a
        mtime = Wed Apr 10 17:11:21 2013
        Output_Path = mycluster.cluster:/scratch/user02/QMMM-CuPhens/dbp/NOSE/RUN8/
    \tCu-dbp.o69302
        Priority = 0
        qtime = Wed Apr 10 17:11:21 2013
        Rerunable = False
        Resource_List.mpiprocs = 4
        Resource_List.ncpus = 64
        Resource_List.nodect = 4
        Resource_List.place = excl
        Resource_List.select = 4:ncpus=16
        Resource_List.walltime = 72:00:00
        Shell_Path_List = /bin/tcsh
        substate = 22
        Submit_arguments = job.sh
        project = _pbs_project_default
    """

    /// `qstat -f` of a Torque job that PBS killed with SIGTERM (exit status 256 + 15) two hours
    /// before its wall time (from the same AiiDA tests; Torque writes `exit_status`, finished
    /// jobs are in state C).
    static let killedBySignal = """
    Job Id: 546437
        Job_Name = job_546437
        Job_Owner = user_546437
        resources_used.cput = 146:03:05
        resources_used.energy_used = 0
        resources_used.mem = 4199416kb
        resources_used.vmem = 10804052kb
        resources_used.walltime = 06:12:22
        job_state = C
        queue = ShortQ
        server = server.service.546437
        Account_Name = account_546437
        Checkpoint = u
        ctime = Thu Jun 18 16:10:46 2015
        depend = beforeok:546438@service1
        Error_Path = server.domain:/path/to/error/file
    \t-1R-p/more/down/the/path/GLP
    \t-1R.e546437
        exec_host = r2i7n16/0-23+r2i6n14/0-23+r2i6n1/0-23+r1i7n8/0-23
        Hold_Types = n
        Join_Path = oe
        Keep_Files = n
        Mail_Points = bea
        Mail_Users = usermail_546437@domain.546437
        mtime = Thu Jun 18 22:36:03 2015
        Output_Path = server.domain:/path/to/output/file
    \tsomething2/more/down/the/path/GL
    \tP-1R.o546437
        Priority = 0
        qtime = Thu Jun 18 16:10:46 2015
        Rerunable = False
        Resource_List.nodect = 4
        Resource_List.nodes = 4:ppn=24
        Resource_List.walltime = 08:00:00
        session_id = 7054
        euser = user_546437
        egroup = group_546437
        queue_type = E
        etime = Thu Jun 18 16:10:46 2015
        exit_status = 271
        submit_args = args_546437.ext
        start_time = Thu Jun 18 16:23:35 2015
        start_count = 1
        fault_tolerant = False
        job_radix = 0
        submit_host = host_546437.domain
    """

    /// The two attribute lines PBS Professional writes for a job it killed at its wall time, as
    /// quoted in a computing centre's job FAQ; the `Job Id` and `job_state` lines frame them.
    static let wallTimeExceeded = """
    Job Id: 4242.server
        job_state = F
        comment = Job run at Wed Jul 22 at 07:48 on (dec2385:ncpus=64:mem=246415360kb:ngpus=0) and exceeded resource walltime
        Exit_status = -29
    """
}
