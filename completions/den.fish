# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_den_global_optspecs
    string join \n root= runroot= storage-driver= log-level= config= h/help V/version
end

function __fish_den_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_den_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_den_using_subcommand
    set -l cmd (__fish_den_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c den -n "__fish_den_needs_command" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_needs_command" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_needs_command" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_needs_command" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_needs_command" -l config -d 'Docker\'s client configuration directory, for scripts written for docker: its config.json gives registry credentials (as DOCKER_CONFIG)' -r -F
complete -c den -n "__fish_den_needs_command" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_needs_command" -s V -l version -d 'Print version'
complete -c den -n "__fish_den_needs_command" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c den -n "__fish_den_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c den -n "__fish_den_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c den -n "__fish_den_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c den -n "__fish_den_needs_command" -f -a "load" -d 'Load images from an archive'
complete -c den -n "__fish_den_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c den -n "__fish_den_needs_command" -f -a "import" -d 'Make an image from a tarball'
complete -c den -n "__fish_den_needs_command" -f -a "images" -d 'List images in local storage'
complete -c den -n "__fish_den_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c den -n "__fish_den_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c den -n "__fish_den_needs_command" -f -a "untag" -d 'Remove names from a local image (all of them without NAMEs); the image stays'
complete -c den -n "__fish_den_needs_command" -f -a "search" -d 'Search registries for images'
complete -c den -n "__fish_den_needs_command" -f -a "image" -d 'Manage images'
complete -c den -n "__fish_den_needs_command" -f -a "inspect" -d 'Display the configuration of an object'
complete -c den -n "__fish_den_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c den -n "__fish_den_needs_command" -f -a "init" -d 'Ready containers to start without starting them (refused: den readies a container as it starts it)'
complete -c den -n "__fish_den_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c den -n "__fish_den_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c den -n "__fish_den_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c den -n "__fish_den_needs_command" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c den -n "__fish_den_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c den -n "__fish_den_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c den -n "__fish_den_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c den -n "__fish_den_needs_command" -f -a "rename" -d 'Rename a container'
complete -c den -n "__fish_den_needs_command" -f -a "update" -d 'Change the resource limits of containers'
complete -c den -n "__fish_den_needs_command" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c den -n "__fish_den_needs_command" -f -a "unpause" -d 'Unpause one or more containers'
complete -c den -n "__fish_den_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c den -n "__fish_den_needs_command" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c den -n "__fish_den_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c den -n "__fish_den_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c den -n "__fish_den_needs_command" -f -a "cp" -d 'Copy files between a container and the host (or a tar stream)'
complete -c den -n "__fish_den_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c den -n "__fish_den_needs_command" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c den -n "__fish_den_needs_command" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c den -n "__fish_den_needs_command" -f -a "mount" -d 'Mount a container\'s rootfs (inside den unshare) and print where'
complete -c den -n "__fish_den_needs_command" -f -a "unmount" -d 'Unmount what den mount mounted'
complete -c den -n "__fish_den_needs_command" -f -a "ps" -d 'List containers'
complete -c den -n "__fish_den_needs_command" -f -a "stats" -d 'Show what containers use: CPU, memory, network, block I/O, processes'
complete -c den -n "__fish_den_needs_command" -f -a "logs" -d 'Show a container\'s output'
complete -c den -n "__fish_den_needs_command" -f -a "container" -d 'Manage containers'
complete -c den -n "__fish_den_needs_command" -f -a "network" -d 'Manage networks'
complete -c den -n "__fish_den_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c den -n "__fish_den_needs_command" -f -a "healthcheck" -d 'Run containers\' healthchecks'
complete -c den -n "__fish_den_needs_command" -f -a "compose" -d 'Multi-container applications from Compose files'
complete -c den -n "__fish_den_needs_command" -f -a "stack" -d 'Swarm\'s stacks on this machine: compose projects'
complete -c den -n "__fish_den_needs_command" -f -a "service" -d 'Swarm\'s services on this machine: a compose project\'s services'
complete -c den -n "__fish_den_needs_command" -f -a "events" -d 'Show container and image events'
complete -c den -n "__fish_den_needs_command" -f -a "quadlet" -d 'systemd units from quadlet files (.container, .volume, .network, .image, .build); den-user-generator is this'
complete -c den -n "__fish_den_needs_command" -f -a "auto-update" -d 'Move containers labelled io.containers.autoupdate to their image\'s newest version'
complete -c den -n "__fish_den_needs_command" -f -a "generate" -d 'Generate systemd units for containers'
complete -c den -n "__fish_den_needs_command" -f -a "kube" -d 'Kubernetes YAML: made from containers and pods, or played into them'
complete -c den -n "__fish_den_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c den -n "__fish_den_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c den -n "__fish_den_needs_command" -f -a "info" -d 'Display den related system information'
complete -c den -n "__fish_den_needs_command" -f -a "version" -d 'Display the den version information'
complete -c den -n "__fish_den_needs_command" -f -a "unshare" -d 'Run a command in den\'s user namespace'
complete -c den -n "__fish_den_needs_command" -f -a "system" -d 'Check the host, or show system information'
complete -c den -n "__fish_den_needs_command" -f -a "pod" -d 'Manage pods: containers that share namespaces'
complete -c den -n "__fish_den_needs_command" -f -a "secret" -d 'Manage secrets: data containers get as files or variables'
complete -c den -n "__fish_den_needs_command" -f -a "machine" -d 'Virtual machines for podman on macOS and Windows (refused: den runs on this host)'
complete -c den -n "__fish_den_needs_command" -f -a "manifest" -d 'Manifest lists: one name for an image\'s builds for several platforms'
complete -c den -n "__fish_den_needs_command" -f -a "__supervise" -d 'The per-container supervisor (internal)'
complete -c den -n "__fish_den_needs_command" -f -a "__netns" -d 'The holder of the shared network namespace (internal)'
complete -c den -n "__fish_den_needs_command" -f -a "__generate" -d 'Write man pages and shell completions (internal)'
complete -c den -n "__fish_den_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand build" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand build" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand build" -s t -l tag -d 'Name (and tag) the image; may be given more than once' -r
complete -c den -n "__fish_den_using_subcommand build" -s f -l file -d 'The Containerfile or Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile; - for stdin)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l build-arg -d 'A build argument: KEY=VALUE (KEY alone: from the environment)' -r
complete -c den -n "__fish_den_using_subcommand build" -l build-arg-file -d 'A file of build arguments: KEY=VALUE lines, # comments (read before --build-arg, which wins)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l target -d 'Build up to this stage' -r
complete -c den -n "__fish_den_using_subcommand build" -l pull -d 'Pull base images: always (the flag alone), missing, never' -r
complete -c den -n "__fish_den_using_subcommand build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand build" -l platform -d 'The platform (os/arch): only this host\'s can be built' -r
complete -c den -n "__fish_den_using_subcommand build" -l layers -d 'Keep each step as an intermediate image, the cache (false: one layer per stage)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l network -d 'The network of RUN steps (pasta, slirp4netns, host, none, or a network)' -r
complete -c den -n "__fish_den_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH' -r
complete -c den -n "__fish_den_using_subcommand build" -l jobs -d 'Stages built at the same time (default: the number of cores)' -r
complete -c den -n "__fish_den_using_subcommand build" -l timestamp -d 'Seconds since the epoch for every date in the image (default: $SOURCE_DATE_EPOCH)' -r
complete -c den -n "__fish_den_using_subcommand build" -l ignorefile -d 'The ignore file (default: .containerignore, else .dockerignore, in the context)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand build" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l add-host -d 'Add a line to RUN steps\' /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand build" -l dns -d 'DNS server for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l dns-search -d 'DNS search domain for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l dns-option -d 'DNS resolver option for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l cap-add -d 'Add capabilities to RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l cap-drop -d 'Drop capabilities from RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l security-opt -d 'Security options of RUN steps (as run\'s --security-opt)' -r
complete -c den -n "__fish_den_using_subcommand build" -l device -d 'Host devices for RUN steps: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand build" -l ulimit -d 'Resource limits of RUN steps: NAME=SOFT[:HARD]' -r
complete -c den -n "__fish_den_using_subcommand build" -l shm-size -d 'Size of RUN steps\' /dev/shm (default 64m)' -r
complete -c den -n "__fish_den_using_subcommand build" -s v -l volume -d 'Mount a host directory or volume in RUN steps (not in the image)' -r
complete -c den -n "__fish_den_using_subcommand build" -l http-proxy -d 'Pass den\'s proxy variables into RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -s m -l memory -d 'Memory limit of RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l memory-swap -d 'Memory plus swap of RUN steps (-1: unlimited swap)' -r
complete -c den -n "__fish_den_using_subcommand build" -s c -l cpu-shares -d 'CPU shares of RUN steps' -r
complete -c den -n "__fish_den_using_subcommand build" -l cpu-quota -d 'CPU quota of RUN steps, microseconds per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand build" -l cpu-period -d 'CPU period of RUN steps, microseconds' -r
complete -c den -n "__fish_den_using_subcommand build" -l cpuset-cpus -d 'CPUs RUN steps may use' -r
complete -c den -n "__fish_den_using_subcommand build" -l cpuset-mems -d 'Memory nodes RUN steps may use' -r
complete -c den -n "__fish_den_using_subcommand build" -l cgroup-parent -d 'Make RUN steps\' cgroups under this path of your delegated cgroup' -r
complete -c den -n "__fish_den_using_subcommand build" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand build" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand build" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand build" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand build" -l userns -d 'User namespace of RUN steps: only host (den\'s own) is supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l userns-uid-map -d 'Map RUN steps\' uids: not supported (den builds in its own user namespace)' -r
complete -c den -n "__fish_den_using_subcommand build" -l userns-gid-map -d 'Map RUN steps\' gids: not supported (den builds in its own user namespace)' -r
complete -c den -n "__fish_den_using_subcommand build" -l userns-uid-map-user -d 'Map RUN steps\' uids from a user\'s /etc/subuid ranges: not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l userns-gid-map-group -d 'Map RUN steps\' gids from a group\'s /etc/subgid ranges: not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l isolation -d 'Isolation of RUN steps: oci or rootless (den\'s containers); chroot is not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l hooks-dir -d 'OCI hooks directory: not supported (den runs no OCI hooks)' -r
complete -c den -n "__fish_den_using_subcommand build" -l runtime-flag -d 'Flags for the OCI runtime: not supported (den is its own runtime)' -r
complete -c den -n "__fish_den_using_subcommand build" -l annotation -d 'Annotations on the image\'s manifest (refused: den\'s images carry labels, not annotations; use --label)' -r
complete -c den -n "__fish_den_using_subcommand build" -l build-context -d 'More build contexts, NAME=PATH (refused: COPY --from names a stage or an image in den\'s builds)' -r
complete -c den -n "__fish_den_using_subcommand build" -l env -d 'Set a variable in the image: KEY=VALUE ($VAR from the image\'s), or KEY for den\'s value' -r
complete -c den -n "__fish_den_using_subcommand build" -l unsetenv -d 'Remove a variable from the image (the base image\'s too)' -r
complete -c den -n "__fish_den_using_subcommand build" -l identity-label -d 'Label the image with io.buildah.version, as podman\'s builds are (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l os-version -d 'The image\'s os.version' -r
complete -c den -n "__fish_den_using_subcommand build" -l os-feature -d 'Add an os.features entry (NAME- removes one)' -r
complete -c den -n "__fish_den_using_subcommand build" -l from -d 'Use this image instead of the first stage\'s FROM' -r
complete -c den -n "__fish_den_using_subcommand build" -l skip-unused-stages -d 'Skip the stages the target does not need (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l format -d 'Image format: oci (default) or docker (den keeps HEALTHCHECK, SHELL and ONBUILD in both)' -r
complete -c den -n "__fish_den_using_subcommand build" -l logfile -d 'Write the build\'s output to this file instead of the terminal' -r -F
complete -c den -n "__fish_den_using_subcommand build" -l logsplit -d 'One log file per platform with --logfile (den builds one platform)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l rm -d 'Remove intermediate containers (den always does; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l force-rm -d 'Remove intermediate containers even after a failure (den always does; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -s D -l disable-compression -d 'Store layers uncompressed (den always does locally; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand build" -l retry -d 'Pull retries (accepted and not used, as in podman 4.3)' -r
complete -c den -n "__fish_den_using_subcommand build" -l retry-delay -d 'Delay between pull retries (accepted and not used, as in podman 4.3)' -r
complete -c den -n "__fish_den_using_subcommand build" -l arch -d 'The architecture to build for: only this host\'s' -r
complete -c den -n "__fish_den_using_subcommand build" -l os -d 'The OS to build for: only linux' -r
complete -c den -n "__fish_den_using_subcommand build" -l variant -d 'The architecture variant to build for: only this host\'s' -r
complete -c den -n "__fish_den_using_subcommand build" -l manifest -d 'Add the image to this manifest list: not supported (den has no manifest lists)' -r
complete -c den -n "__fish_den_using_subcommand build" -l sign-by -d 'Sign the image with this GPG key: not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l decryption-key -d 'Key to decrypt encrypted base images: not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l ssh -d 'SSH agent or keys for RUN --mount=type=ssh: not supported' -r
complete -c den -n "__fish_den_using_subcommand build" -l cache-from -d 'Remote cache to pull layers from: not supported (den\'s cache is local)' -r
complete -c den -n "__fish_den_using_subcommand build" -l cache-to -d 'Remote cache to push layers to: not supported (den\'s cache is local)' -r
complete -c den -n "__fish_den_using_subcommand build" -l cache-ttl -d 'Use only cached steps newer than this (0: none, as --no-cache)' -r
complete -c den -n "__fish_den_using_subcommand build" -l cpp-flag -d 'Flags for cpp, which preprocesses a Containerfile whose name ends in .in' -r
complete -c den -n "__fish_den_using_subcommand build" -s o -l output -d 'Also write the image\'s files out: DIR, - (a tar on stdout), type=local,dest=DIR or type=tar,dest=FILE|-' -r
complete -c den -n "__fish_den_using_subcommand build" -l no-cache -d 'Do not use the cache (steps are still cached for later builds)'
complete -c den -n "__fish_den_using_subcommand build" -l squash -d 'Make one layer of each stage\'s new layers'
complete -c den -n "__fish_den_using_subcommand build" -s q -l quiet -d 'Print only the image id'
complete -c den -n "__fish_den_using_subcommand build" -l no-hosts -d 'Leave the base image\'s /etc/hosts in RUN steps'
complete -c den -n "__fish_den_using_subcommand build" -l squash-all -d 'One layer for the whole image, the base\'s too (refused: --squash squashes the build\'s own layers)'
complete -c den -n "__fish_den_using_subcommand build" -l stdin -d 'Pass stdin to RUN steps (refused: den\'s RUN steps read no stdin)'
complete -c den -n "__fish_den_using_subcommand build" -l omit-history -d 'Write the image without its history'
complete -c den -n "__fish_den_using_subcommand build" -l compress -d 'A legacy option with no effect on the image (as in podman)'
complete -c den -n "__fish_den_using_subcommand build" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand build" -l all-platforms -d 'Build for every platform of the base images: not supported (den builds for this host)'
complete -c den -n "__fish_den_using_subcommand build" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pull" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pull" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pull" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pull" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand pull" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand pull" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand pull" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand pull" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand pull" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand pull" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c den -n "__fish_den_using_subcommand pull" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c den -n "__fish_den_using_subcommand pull" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand push" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand push" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand push" -s f -l format -d 'Manifest format: oci or v2s2 (Docker\'s); the image\'s own by default' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c den -n "__fish_den_using_subcommand push" -l compression-format -d 'Layer compression for layers the registry does not have yet: gzip or zstd' -r -f -a "gzip\t''
zstd\t''"
complete -c den -n "__fish_den_using_subcommand push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l sign-by -d 'Sign the image with this GPG key (not supported: den does not sign)' -r
complete -c den -n "__fish_den_using_subcommand push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l sign-passphrase-file -d 'The passphrase of the signing key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand push" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand push" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand push" -s q -l quiet -d 'Print no progress'
complete -c den -n "__fish_den_using_subcommand push" -l remove-signatures -d 'Accepted for compatibility: den copies no signatures'
complete -c den -n "__fish_den_using_subcommand push" -l compress -d 'Compress layers for the dir transport (den pushes to registries, where layers are always compressed: no effect, as in podman)'
complete -c den -n "__fish_den_using_subcommand push" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand push" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand save" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand save" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand save" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand save" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand save" -s o -l output -d 'Write to this file (or directory, for oci-dir) instead of stdout' -r -F
complete -c den -n "__fish_den_using_subcommand save" -l format -d 'docker-archive, oci-archive or oci-dir' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c den -n "__fish_den_using_subcommand save" -s m -l multi-image-archive -d 'Allow several images in one docker-archive (den always does)'
complete -c den -n "__fish_den_using_subcommand save" -s q -l quiet -d 'Print no progress (den prints none)'
complete -c den -n "__fish_den_using_subcommand save" -l compress -d 'Accepted for compatibility: den writes layers uncompressed'
complete -c den -n "__fish_den_using_subcommand save" -l uncompressed -d 'Accepted for compatibility: den writes layers uncompressed'
complete -c den -n "__fish_den_using_subcommand save" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand load" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand load" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand load" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand load" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand load" -s i -l input -d 'Read from this archive (or OCI layout directory) instead of stdin' -r -F
complete -c den -n "__fish_den_using_subcommand load" -s q -l quiet -d 'Print no progress (den prints none)'
complete -c den -n "__fish_den_using_subcommand load" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand history" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand history" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand history" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand history" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand history" -s H -l human -d 'Print times as timestamps (false) or relative to now (true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand history" -l format -d 'json, or a Go template like \'{{.ID}} {{.CreatedBy}}\'' -r
complete -c den -n "__fish_den_using_subcommand history" -l no-trunc -d 'Do not truncate ids and commands'
complete -c den -n "__fish_den_using_subcommand history" -s q -l quiet -d 'Print only ids'
complete -c den -n "__fish_den_using_subcommand history" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand import" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand import" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand import" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand import" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR' -r
complete -c den -n "__fish_den_using_subcommand import" -s m -l message -d 'A message for the image\'s history' -r
complete -c den -n "__fish_den_using_subcommand import" -l arch -d 'The architecture the image says it is for (default: this host\'s)' -r
complete -c den -n "__fish_den_using_subcommand import" -l os -d 'The OS the image says it is for (default: linux)' -r
complete -c den -n "__fish_den_using_subcommand import" -l variant -d 'The architecture variant the image says it is for' -r
complete -c den -n "__fish_den_using_subcommand import" -s q -l quiet -d 'Print only the image id (den prints nothing else anyway)'
complete -c den -n "__fish_den_using_subcommand import" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand images" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand images" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand images" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand images" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand images" -l format -d 'Format output: json, or a Go template like \'{{.Repository}}:{{.Tag}}\'' -r
complete -c den -n "__fish_den_using_subcommand images" -s f -l filter -d 'Only the images that match: dangling=true|false, manifest=true|false (manifest lists, which images shows too), reference=PATTERN, id=PREFIX, before=IMAGE, since=IMAGE, label=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand images" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c den -n "__fish_den_using_subcommand images" -s q -l quiet -d 'Print only image ids'
complete -c den -n "__fish_den_using_subcommand images" -s a -l all -d 'Show all images, the intermediate images of builds too'
complete -c den -n "__fish_den_using_subcommand images" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand images" -l digests -d 'Show digests'
complete -c den -n "__fish_den_using_subcommand images" -s n -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand images" -l history -d 'Show the names each image has had'
complete -c den -n "__fish_den_using_subcommand images" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand rmi" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rmi" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rmi" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand rmi" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand rmi" -s f -l force -d 'Remove the image even if containers use it (removing them too)'
complete -c den -n "__fish_den_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c den -n "__fish_den_using_subcommand rmi" -s i -l ignore -d 'An image that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand rmi" -l no-prune -d 'Keep dangling parent images (den keeps none: builds leave no intermediate images, so there is nothing to prune either way)'
complete -c den -n "__fish_den_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand tag" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand tag" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand tag" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand tag" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand tag" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand untag" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand untag" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand untag" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand untag" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand untag" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand search" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand search" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand search" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand search" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand search" -s f -l filter -d 'Filter: stars=N, is-official=BOOL, is-automated=BOOL (the distribution API gives neither stars nor flags: all are 0 and false)' -r
complete -c den -n "__fish_den_using_subcommand search" -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand search" -l limit -d 'At most this many results per registry' -r
complete -c den -n "__fish_den_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand search" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand search" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand search" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand search" -l compatible -d 'Docker Hub\'s columns too (INDEX, STARS, OFFICIAL, AUTOMATED)'
complete -c den -n "__fish_den_using_subcommand search" -l list-tags -d 'List the tags of the image named'
complete -c den -n "__fish_den_using_subcommand search" -l no-trunc -d 'Do not truncate descriptions'
complete -c den -n "__fish_den_using_subcommand search" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "ls" -d 'List images in local storage'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "pull" -d 'Pull an image from a registry'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "push" -d 'Push an image to a registry'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "save" -d 'Save images to an archive'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "load" -d 'Load images from an archive'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "history" -d 'Show the history of an image'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "import" -d 'Make an image from a tarball'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "prune" -d 'Remove images without a name (with -a: every image no container uses)'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "exists" -d 'Exit 0 if the image exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "tree" -d 'Show an image\'s layers as a tree'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "sign" -d 'Sign an image (refused: den does not sign)'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "trust" -d 'Manage trust policies (refused: den keeps none of its own)'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "scp" -d 'Copy an image to another host (refused: den has no remote connections)'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "search" -d 'Search registries for images'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "rm" -d 'Remove one or more images'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "untag" -d 'Remove names from a local image (all of them without NAMEs); the image stays'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "diff" -d 'Show what an image\'s top layer changes, or what differs from one image to another'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "mount" -d 'Mount images\' layers read-only (inside den unshare); list those mounted'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "unmount" -d 'Unmount images'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c den -n "__fish_den_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push save load history import prune exists tree sign trust scp search rm tag untag diff mount unmount inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and tag) the image; may be given more than once' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile or Dockerfile (default: CONTEXT/Containerfile, else CONTEXT/Dockerfile; - for stdin)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'A build argument: KEY=VALUE (KEY alone: from the environment)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of build arguments: KEY=VALUE lines, # comments (read before --build-arg, which wins)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always (the flag alone), missing, never' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'The platform (os/arch): only this host\'s can be built' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step as an intermediate image, the cache (false: one layer per stage)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'The network of RUN steps (pasta, slirp4netns, host, none, or a network)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'Stages built at the same time (default: the number of cores)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Seconds since the epoch for every date in the image (default: $SOURCE_DATE_EPOCH)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'The ignore file (default: .containerignore, else .dockerignore, in the context)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to RUN steps\' /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'DNS server for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domain for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS resolver option for RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add capabilities to RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop capabilities from RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (as run\'s --security-opt)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'Host devices for RUN steps: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limits of RUN steps: NAME=SOFT[:HARD]' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of RUN steps\' /dev/shm (default 64m)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Mount a host directory or volume in RUN steps (not in the image)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass den\'s proxy variables into RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit of RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap of RUN steps (-1: unlimited swap)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares of RUN steps' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'CPU quota of RUN steps, microseconds per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'CPU period of RUN steps, microseconds' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs RUN steps may use' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes RUN steps may use' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Make RUN steps\' cgroups under this path of your delegated cgroup' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps: only host (den\'s own) is supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map -d 'Map RUN steps\' uids: not supported (den builds in its own user namespace)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map -d 'Map RUN steps\' gids: not supported (den builds in its own user namespace)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map-user -d 'Map RUN steps\' uids from a user\'s /etc/subuid ranges: not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map-group -d 'Map RUN steps\' gids from a group\'s /etc/subgid ranges: not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Isolation of RUN steps: oci or rootless (den\'s containers); chroot is not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l hooks-dir -d 'OCI hooks directory: not supported (den runs no OCI hooks)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Flags for the OCI runtime: not supported (den is its own runtime)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Annotations on the image\'s manifest (refused: den\'s images carry labels, not annotations; use --label)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'More build contexts, NAME=PATH (refused: COPY --from names a stage or an image in den\'s builds)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set a variable in the image: KEY=VALUE ($VAR from the image\'s), or KEY for den\'s value' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Remove a variable from the image (the base image\'s too)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Label the image with io.buildah.version, as podman\'s builds are (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l os-version -d 'The image\'s os.version' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l os-feature -d 'Add an os.features entry (NAME- removes one)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'Use this image instead of the first stage\'s FROM' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Skip the stages the target does not need (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci (default) or docker (den keeps HEALTHCHECK, SHELL and ONBUILD in both)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of the terminal' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l logsplit -d 'One log file per platform with --logfile (den builds one platform)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers (den always does; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even after a failure (den always does; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Store layers uncompressed (den always does locally; default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l retry -d 'Pull retries (accepted and not used, as in podman 4.3)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l retry-delay -d 'Delay between pull retries (accepted and not used, as in podman 4.3)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'The architecture to build for: only this host\'s' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'The OS to build for: only linux' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'The architecture variant to build for: only this host\'s' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to this manifest list: not supported (den has no manifest lists)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l sign-by -d 'Sign the image with this GPG key: not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l decryption-key -d 'Key to decrypt encrypted base images: not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'SSH agent or keys for RUN --mount=type=ssh: not supported' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'Remote cache to pull layers from: not supported (den\'s cache is local)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'Remote cache to push layers to: not supported (den\'s cache is local)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Use only cached steps newer than this (0: none, as --no-cache)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l cpp-flag -d 'Flags for cpp, which preprocesses a Containerfile whose name ends in .in' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Also write the image\'s files out: DIR, - (a tar on stdout), type=local,dest=DIR or type=tar,dest=FILE|-' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use the cache (steps are still cached for later builds)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Make one layer of each stage\'s new layers'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Leave the base image\'s /etc/hosts in RUN steps'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'One layer for the whole image, the base\'s too (refused: --squash squashes the build\'s own layers)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l stdin -d 'Pass stdin to RUN steps (refused: den\'s RUN steps read no stdin)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Write the image without its history'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'A legacy option with no effect on the image (as in podman)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -l all-platforms -d 'Build for every platform of the base images: not supported (den builds for this host)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output: json, or a Go template like \'{{.Repository}}:{{.Tag}}\'' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Only the images that match: dangling=true|false, manifest=true|false (manifest lists, which images shows too), reference=PATTERN, id=PREFIX, before=IMAGE, since=IMAGE, label=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image ids'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images, the intermediate images of builds too'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Show the names each image has had'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image id'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format: oci or v2s2 (Docker\'s); the image\'s own by default' -r -f -a "oci\t''
v2s2\t''
docker\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Layer compression for layers the registry does not have yet: gzip or zstd' -r -f -a "gzip\t''
zstd\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the image with this GPG key (not supported: den does not sign)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'The passphrase of the signing key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print no progress'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Accepted for compatibility: den copies no signatures'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l compress -d 'Compress layers for the dir transport (den pushes to registries, where layers are always compressed: no effect, as in podman)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (or directory, for oci-dir) instead of stdout' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'docker-archive, oci-archive or oci-dir' -r -f -a "docker-archive\t''
oci-archive\t''
oci-dir\t''
docker-dir\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Allow several images in one docker-archive (den always does)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print no progress (den prints none)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Accepted for compatibility: den writes layers uncompressed'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Accepted for compatibility: den writes layers uncompressed'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from this archive (or OCI layout directory) instead of stdin' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print no progress (den prints none)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Print times as timestamps (false) or relative to now (true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'json, or a Go template like \'{{.ID}} {{.CreatedBy}}\'' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate ids and commands'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only ids'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'A message for the image\'s history' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'The architecture the image says it is for (default: this host\'s)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'The OS the image says it is for (default: linux)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'The architecture variant the image says it is for' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image id (den prints nothing else anyway)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only those without a name'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Images that other tools\' containers (buildah\'s) use too: den knows no such containers, so its prune is the same'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -l whatrequires -d 'Accepted for compatibility: den shows the image\'s own layers'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tree" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l authfile -d 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l cert-dir -d 'Pathname of a directory containing TLS certificates and keys' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -s d -l directory -d 'Define an alternate directory to store signatures' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -l sign-by -d 'Name of the signing key' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -s a -l all -d 'Sign all the manifests of the multi-architecture image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from trust" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from trust" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from trust" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from trust" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from trust" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -s q -l quiet -d 'Suppress the output'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from scp" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -s f -l filter -d 'Filter: stars=N, is-official=BOOL, is-automated=BOOL (the distribution API gives neither stars nor flags: all are 0 and false)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l limit -d 'At most this many results per registry' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l compatible -d 'Docker Hub\'s columns too (INDEX, STARS, OFFICIAL, AUTOMATED)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l list-tags -d 'List the tags of the image named'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -l no-trunc -d 'Do not truncate descriptions'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the image even if containers use it (removing them too)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'An image that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Keep dangling parent images (den keeps none: builds leave no intermediate images, so there is nothing to prune either way)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Output as json' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -l format -d 'Output as json (when listing)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even when mounted more than once (den\'s mounts are never shared)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template (like \'{{.Id}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -s t -l type -d 'What to inspect: container, image, volume, network, pod or all' -r
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Show the size of a container\'s writable layer (SizeRw)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Make an image from a tarball'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove images without a name (with -a: every image no container uses)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if the image exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tree" -d 'Show an image\'s layers as a tree'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign an image (refused: den does not sign)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "trust" -d 'Manage trust policies (refused: den keeps none of its own)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "scp" -d 'Copy an image to another host (refused: den has no remote connections)'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search registries for images'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from a local image (all of them without NAMEs); the image stays'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what an image\'s top layer changes, or what differs from one image to another'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount images\' layers read-only (inside den unshare); list those mounted'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount images'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c den -n "__fish_den_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand inspect" -s f -l format -d 'Format output with a Go template (like \'{{.Id}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand inspect" -s t -l type -d 'What to inspect: container, image, volume, network, pod or all' -r
complete -c den -n "__fish_den_using_subcommand inspect" -s s -l size -d 'Show the size of a container\'s writable layer (SizeRw)'
complete -c den -n "__fish_den_using_subcommand inspect" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand run" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand run" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand run" -l detach-keys -d 'Keys that detach from a -t container (ctrl-<x> or characters; empty: none)' -r
complete -c den -n "__fish_den_using_subcommand run" -l sig-proxy -d 'Pass signals den receives to the container (with -t)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand run" -l name -d 'Name of the container' -r
complete -c den -n "__fish_den_using_subcommand run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand run" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l unsetenv -d 'Leave out a default variable (the image\'s, or den\'s TERM)' -r
complete -c den -n "__fish_den_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c den -n "__fish_den_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand run" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand run" -s h -l hostname -d 'Container host name' -r
complete -c den -n "__fish_den_using_subcommand run" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand run" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand run" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand run" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand run" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand run" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand run" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand run" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand run" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand run" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand run" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand run" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand run" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand run" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand run" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand run" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand run" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand run" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cgroup-conf -d 'Write a cgroup v2 file of the container\'s cgroup: KEY=VALUE (memory.high=1g)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cgroup-parent -d 'Make the container\'s cgroup under this path of your delegated cgroup (default: den)' -r
complete -c den -n "__fish_den_using_subcommand run" -l device-cgroup-rule -d 'A device cgroup rule ("c 1:3 mr"): ignored with a warning, as a rootless container has no device cgroup (give devices with --device)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-cmd -d 'The healthcheck: a shell command, a JSON array (["CMD","curl","-f","..."]), or NONE for none (default: the image\'s HEALTHCHECK)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-interval -d 'Time between checks (30s; disable: only `den healthcheck run`)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-timeout -d 'Time a check may take before it counts as failed (30s)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-retries -d 'Failures in a row that make the container unhealthy (3)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-start-period -d 'Time after the start in which failures do not count (0s)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-start-interval -d 'Time between checks during the start period (5s)' -r
complete -c den -n "__fish_den_using_subcommand run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart, stop' -r -f -a "none\t''
kill\t''
restart\t''
stop\t''"
complete -c den -n "__fish_den_using_subcommand run" -l umask -d 'Umask of the container\'s processes (octal; default 0022)' -r
complete -c den -n "__fish_den_using_subcommand run" -l group-add -d 'Extra groups for the container\'s processes (names in the container\'s /etc/group, or numbers); keep-groups keeps your own groups' -r
complete -c den -n "__fish_den_using_subcommand run" -l personality -d 'Execution domain: LINUX, or LINUX32 (uname -m says i686)' -r
complete -c den -n "__fish_den_using_subcommand run" -l oom-score-adj -d 'Adjust the container\'s OOM score (-1000..1000; without privileges only upwards)' -r
complete -c den -n "__fish_den_using_subcommand run" -l timeout -d 'Kill the container after this many seconds' -r
complete -c den -n "__fish_den_using_subcommand run" -l shm-size -d 'Size of /dev/shm (64m, 1g; default 64m)' -r
complete -c den -n "__fish_den_using_subcommand run" -l tz -d 'Time zone: local (the host\'s), or a zone like Europe/Berlin' -r
complete -c den -n "__fish_den_using_subcommand run" -l passwd -d 'Add an /etc/passwd entry for a --user the image lacks (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand run" -l passwd-entry -d 'The /etc/passwd entry added for such a user ($USERNAME, $UID, $GID, $NAME and $HOME are replaced)' -r
complete -c den -n "__fish_den_using_subcommand run" -l hostuser -d 'Add a host user (name or uid) to the container\'s /etc/passwd' -r
complete -c den -n "__fish_den_using_subcommand run" -l init-path -d 'Run this host program as PID 1 (with --init; bound at /run/podman-init)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand run" -l secret -d 'Give the container a secret (see den secret): NAME[,type=mount|env] [,target=PATH|VAR][,uid=N][,gid=N][,mode=M]; a file under /run/secrets by default' -r
complete -c den -n "__fish_den_using_subcommand run" -l image-volume -d 'The image\'s VOLUMEs: bind (anonymous volumes, the default), tmpfs, ignore' -r
complete -c den -n "__fish_den_using_subcommand run" -l seccomp-policy -d 'Seccomp profile: default (den\'s), or image (the image\'s io.containers.seccomp.profile label, where it has one)' -r
complete -c den -n "__fish_den_using_subcommand run" -l systemd -d 'systemd mode: true (when the command is an init or systemd), false, always: tmpfs on /run, /run/lock, /tmp, /var/log/journal, stop signal RTMIN+3, container_uuid' -r
complete -c den -n "__fish_den_using_subcommand run" -l chrootdirs -d 'A directory inside the container treated as a chroot: it gets /etc/hosts, resolv.conf and hostname too' -r
complete -c den -n "__fish_den_using_subcommand run" -l env-merge -d 'Merge a variable with the image\'s: PATH=/opt/bin:${PATH}' -r
complete -c den -n "__fish_den_using_subcommand run" -l http-proxy -d 'Pass den\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, upper case too) into the container (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand run" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand run" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand run" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand run" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand run" -l requires -d 'Containers (names or ids, comma-separated) started before this one' -r
complete -c den -n "__fish_den_using_subcommand run" -l conmon-pidfile -d 'Write the supervisor\'s pid (podman\'s conmon) to this file' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l pod -d 'Run in this pod (name or id): share its namespaces (new:NAME makes it)' -r
complete -c den -n "__fish_den_using_subcommand run" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l init-ctr -d 'A pod\'s init container: always (run at each pod start) or once (then removed); it runs to its end before the pod\'s other containers start' -r
complete -c den -n "__fish_den_using_subcommand run" -s a -l attach -d 'Streams to attach in the foreground: stdin, stdout, stderr (default: stdout and stderr; create keeps it for nothing, as podman\'s)' -r
complete -c den -n "__fish_den_using_subcommand run" -l ip6 -d 'A static IPv6 address (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand run" -l subuidname -d 'Map ids from a named range of /etc/subuid (not supported: den maps from your own ranges; use --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand run" -l subgidname -d 'Map ids from a named range of /etc/subgid (not supported: den maps from your own ranges; use --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cgroups -d 'cgroups: enabled (one per container where the host delegates them), disabled (none), no-conmon or split (as enabled: den\'s supervisor is never in the container\'s cgroup)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c den -n "__fish_den_using_subcommand run" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand run" -l label-file -d 'Read labels from a file (KEY=VALUE lines; # comments)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c den -n "__fish_den_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s STOPSIGNAL, else TERM)' -r
complete -c den -n "__fish_den_using_subcommand run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c den -n "__fish_den_using_subcommand run" -l log-driver -d 'Log driver: k8s-file, json-file, none, passthrough, or journald (where a systemd journal listens)' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''
journald\t''"
complete -c den -n "__fish_den_using_subcommand run" -l log-opt -d 'Log options: max-size=SIZE rotates the k8s-file log past SIZE, keeping one older file (-1: never). Default: max_size in the [logs] table of $XDG_CONFIG_HOME/den/den.conf, else 20m' -r
complete -c den -n "__fish_den_using_subcommand run" -l cap-add -d 'Add capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand run" -l cap-drop -d 'Drop capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c den -n "__fish_den_using_subcommand run" -l userns -d 'User namespace: host (den\'s, the default) or keep-id[:uid=N,gid=N] (your own ids inside)' -r
complete -c den -n "__fish_den_using_subcommand run" -l uidmap -d 'Map container uids to den\'s ids (0 is you, 1.. your subordinate ids): CONTAINER:DEN:COUNT' -r
complete -c den -n "__fish_den_using_subcommand run" -l gidmap -d 'Map container gids like --uidmap' -r
complete -c den -n "__fish_den_using_subcommand run" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD] (nofile, nproc, core, ...)' -r
complete -c den -n "__fish_den_using_subcommand run" -l sysctl -d 'Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)' -r
complete -c den -n "__fish_den_using_subcommand run" -l device -d 'Host devices the user can open: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand run" -s v -l volume -d 'Mount a host directory (HOST-DIR:CONTAINER-DIR), a named volume (NAME:CONTAINER-DIR) or a new anonymous volume (CONTAINER-DIR); options after another colon: ro, U, O, nocopy, z, [no]exec, [no]suid, [no]dev, bind, rbind, rprivate, rshared, rslave, ...' -r
complete -c den -n "__fish_den_using_subcommand run" -l mount -d 'Mount by keys: type=bind|volume|tmpfs,src=...,dst=...[,ro][,...]' -r
complete -c den -n "__fish_den_using_subcommand run" -l tmpfs -d 'Mount a fresh tmpfs: PATH[:size=SIZE,mode=MODE,noexec,...]' -r
complete -c den -n "__fish_den_using_subcommand run" -l volumes-from -d 'Mount the volumes and host directories of another container too' -r
complete -c den -n "__fish_den_using_subcommand run" -l read-only-tmpfs -d 'With --read-only: tmpfs on /tmp, /run and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand run" -l sdnotify -d 'What to tell systemd (NOTIFY_SOCKET): conmon (ready when the command runs), healthy (at the first passed healthcheck), container (the container says it, through a socket at /run/notify/notify.sock), ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c den -n "__fish_den_using_subcommand run" -l pidfile -d 'Write the container\'s pid (as the host sees it) to this file when it starts' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l pull -d 'When to pull the image: always, missing, never, newer' -r
complete -c den -n "__fish_den_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand run" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand run" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand run" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand run" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand run" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand run" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand run" -l spec -d 'Make the container from a JSON container spec (the engine\'s input, described in ARCHITECTURE.md) instead of the image and container flags' -r -F
complete -c den -n "__fish_den_using_subcommand run" -s d -l detach -d 'Run in the background and print the container id'
complete -c den -n "__fish_den_using_subcommand run" -l rmi -d 'Remove the image when the container exits, unless another container uses it (implies --rm)'
complete -c den -n "__fish_den_using_subcommand run" -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c den -n "__fish_den_using_subcommand run" -l replace -d 'Replace an existing container of the same name'
complete -c den -n "__fish_den_using_subcommand run" -l rootfs -d 'The image argument is a directory holding a root filesystem (refused: den runs images; import the directory as one first)'
complete -c den -n "__fish_den_using_subcommand run" -l unsetenv-all -d 'Leave out every default variable: only those given with -e remain'
complete -c den -n "__fish_den_using_subcommand run" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand run" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v1 only: refused)'
complete -c den -n "__fish_den_using_subcommand run" -l no-healthcheck -d 'No healthcheck, whatever the image says'
complete -c den -n "__fish_den_using_subcommand run" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is (den writes none)'
complete -c den -n "__fish_den_using_subcommand run" -l env-host -d 'Pass den\'s whole environment into the container'
complete -c den -n "__fish_den_using_subcommand run" -l privileged -d 'Every capability, no masked or read-only paths'
complete -c den -n "__fish_den_using_subcommand run" -l read-only -d 'Make the root filesystem read-only'
complete -c den -n "__fish_den_using_subcommand run" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c den -n "__fish_den_using_subcommand run" -s q -l quiet -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand run" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand init" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand init" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand init" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand init" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand init" -s a -l all -d 'Every container'
complete -c den -n "__fish_den_using_subcommand init" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand init" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand create" -l name -d 'Name of the container' -r
complete -c den -n "__fish_den_using_subcommand create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand create" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l unsetenv -d 'Leave out a default variable (the image\'s, or den\'s TERM)' -r
complete -c den -n "__fish_den_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c den -n "__fish_den_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand create" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c den -n "__fish_den_using_subcommand create" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand create" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand create" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand create" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand create" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand create" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand create" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand create" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand create" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand create" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand create" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand create" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand create" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand create" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand create" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand create" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand create" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cgroup-conf -d 'Write a cgroup v2 file of the container\'s cgroup: KEY=VALUE (memory.high=1g)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cgroup-parent -d 'Make the container\'s cgroup under this path of your delegated cgroup (default: den)' -r
complete -c den -n "__fish_den_using_subcommand create" -l device-cgroup-rule -d 'A device cgroup rule ("c 1:3 mr"): ignored with a warning, as a rootless container has no device cgroup (give devices with --device)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-cmd -d 'The healthcheck: a shell command, a JSON array (["CMD","curl","-f","..."]), or NONE for none (default: the image\'s HEALTHCHECK)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-interval -d 'Time between checks (30s; disable: only `den healthcheck run`)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-timeout -d 'Time a check may take before it counts as failed (30s)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-retries -d 'Failures in a row that make the container unhealthy (3)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-start-period -d 'Time after the start in which failures do not count (0s)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-start-interval -d 'Time between checks during the start period (5s)' -r
complete -c den -n "__fish_den_using_subcommand create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart, stop' -r -f -a "none\t''
kill\t''
restart\t''
stop\t''"
complete -c den -n "__fish_den_using_subcommand create" -l umask -d 'Umask of the container\'s processes (octal; default 0022)' -r
complete -c den -n "__fish_den_using_subcommand create" -l group-add -d 'Extra groups for the container\'s processes (names in the container\'s /etc/group, or numbers); keep-groups keeps your own groups' -r
complete -c den -n "__fish_den_using_subcommand create" -l personality -d 'Execution domain: LINUX, or LINUX32 (uname -m says i686)' -r
complete -c den -n "__fish_den_using_subcommand create" -l oom-score-adj -d 'Adjust the container\'s OOM score (-1000..1000; without privileges only upwards)' -r
complete -c den -n "__fish_den_using_subcommand create" -l timeout -d 'Kill the container after this many seconds' -r
complete -c den -n "__fish_den_using_subcommand create" -l shm-size -d 'Size of /dev/shm (64m, 1g; default 64m)' -r
complete -c den -n "__fish_den_using_subcommand create" -l tz -d 'Time zone: local (the host\'s), or a zone like Europe/Berlin' -r
complete -c den -n "__fish_den_using_subcommand create" -l passwd -d 'Add an /etc/passwd entry for a --user the image lacks (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand create" -l passwd-entry -d 'The /etc/passwd entry added for such a user ($USERNAME, $UID, $GID, $NAME and $HOME are replaced)' -r
complete -c den -n "__fish_den_using_subcommand create" -l hostuser -d 'Add a host user (name or uid) to the container\'s /etc/passwd' -r
complete -c den -n "__fish_den_using_subcommand create" -l init-path -d 'Run this host program as PID 1 (with --init; bound at /run/podman-init)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand create" -l secret -d 'Give the container a secret (see den secret): NAME[,type=mount|env] [,target=PATH|VAR][,uid=N][,gid=N][,mode=M]; a file under /run/secrets by default' -r
complete -c den -n "__fish_den_using_subcommand create" -l image-volume -d 'The image\'s VOLUMEs: bind (anonymous volumes, the default), tmpfs, ignore' -r
complete -c den -n "__fish_den_using_subcommand create" -l seccomp-policy -d 'Seccomp profile: default (den\'s), or image (the image\'s io.containers.seccomp.profile label, where it has one)' -r
complete -c den -n "__fish_den_using_subcommand create" -l systemd -d 'systemd mode: true (when the command is an init or systemd), false, always: tmpfs on /run, /run/lock, /tmp, /var/log/journal, stop signal RTMIN+3, container_uuid' -r
complete -c den -n "__fish_den_using_subcommand create" -l chrootdirs -d 'A directory inside the container treated as a chroot: it gets /etc/hosts, resolv.conf and hostname too' -r
complete -c den -n "__fish_den_using_subcommand create" -l env-merge -d 'Merge a variable with the image\'s: PATH=/opt/bin:${PATH}' -r
complete -c den -n "__fish_den_using_subcommand create" -l http-proxy -d 'Pass den\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, upper case too) into the container (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand create" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand create" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand create" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand create" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand create" -l requires -d 'Containers (names or ids, comma-separated) started before this one' -r
complete -c den -n "__fish_den_using_subcommand create" -l conmon-pidfile -d 'Write the supervisor\'s pid (podman\'s conmon) to this file' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l pod -d 'Run in this pod (name or id): share its namespaces (new:NAME makes it)' -r
complete -c den -n "__fish_den_using_subcommand create" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l init-ctr -d 'A pod\'s init container: always (run at each pod start) or once (then removed); it runs to its end before the pod\'s other containers start' -r
complete -c den -n "__fish_den_using_subcommand create" -s a -l attach -d 'Streams to attach in the foreground: stdin, stdout, stderr (default: stdout and stderr; create keeps it for nothing, as podman\'s)' -r
complete -c den -n "__fish_den_using_subcommand create" -l ip6 -d 'A static IPv6 address (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand create" -l subuidname -d 'Map ids from a named range of /etc/subuid (not supported: den maps from your own ranges; use --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand create" -l subgidname -d 'Map ids from a named range of /etc/subgid (not supported: den maps from your own ranges; use --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cgroups -d 'cgroups: enabled (one per container where the host delegates them), disabled (none), no-conmon or split (as enabled: den\'s supervisor is never in the container\'s cgroup)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c den -n "__fish_den_using_subcommand create" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand create" -l label-file -d 'Read labels from a file (KEY=VALUE lines; # comments)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c den -n "__fish_den_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s STOPSIGNAL, else TERM)' -r
complete -c den -n "__fish_den_using_subcommand create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c den -n "__fish_den_using_subcommand create" -l log-driver -d 'Log driver: k8s-file, json-file, none, passthrough, or journald (where a systemd journal listens)' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''
journald\t''"
complete -c den -n "__fish_den_using_subcommand create" -l log-opt -d 'Log options: max-size=SIZE rotates the k8s-file log past SIZE, keeping one older file (-1: never). Default: max_size in the [logs] table of $XDG_CONFIG_HOME/den/den.conf, else 20m' -r
complete -c den -n "__fish_den_using_subcommand create" -l cap-add -d 'Add capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand create" -l cap-drop -d 'Drop capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c den -n "__fish_den_using_subcommand create" -l userns -d 'User namespace: host (den\'s, the default) or keep-id[:uid=N,gid=N] (your own ids inside)' -r
complete -c den -n "__fish_den_using_subcommand create" -l uidmap -d 'Map container uids to den\'s ids (0 is you, 1.. your subordinate ids): CONTAINER:DEN:COUNT' -r
complete -c den -n "__fish_den_using_subcommand create" -l gidmap -d 'Map container gids like --uidmap' -r
complete -c den -n "__fish_den_using_subcommand create" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD] (nofile, nproc, core, ...)' -r
complete -c den -n "__fish_den_using_subcommand create" -l sysctl -d 'Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)' -r
complete -c den -n "__fish_den_using_subcommand create" -l device -d 'Host devices the user can open: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand create" -s v -l volume -d 'Mount a host directory (HOST-DIR:CONTAINER-DIR), a named volume (NAME:CONTAINER-DIR) or a new anonymous volume (CONTAINER-DIR); options after another colon: ro, U, O, nocopy, z, [no]exec, [no]suid, [no]dev, bind, rbind, rprivate, rshared, rslave, ...' -r
complete -c den -n "__fish_den_using_subcommand create" -l mount -d 'Mount by keys: type=bind|volume|tmpfs,src=...,dst=...[,ro][,...]' -r
complete -c den -n "__fish_den_using_subcommand create" -l tmpfs -d 'Mount a fresh tmpfs: PATH[:size=SIZE,mode=MODE,noexec,...]' -r
complete -c den -n "__fish_den_using_subcommand create" -l volumes-from -d 'Mount the volumes and host directories of another container too' -r
complete -c den -n "__fish_den_using_subcommand create" -l read-only-tmpfs -d 'With --read-only: tmpfs on /tmp, /run and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand create" -l sdnotify -d 'What to tell systemd (NOTIFY_SOCKET): conmon (ready when the command runs), healthy (at the first passed healthcheck), container (the container says it, through a socket at /run/notify/notify.sock), ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c den -n "__fish_den_using_subcommand create" -l pidfile -d 'Write the container\'s pid (as the host sees it) to this file when it starts' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l pull -d 'When to pull the image: always, missing, never, newer' -r
complete -c den -n "__fish_den_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand create" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand create" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand create" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand create" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand create" -l spec -d 'Make the container from a JSON container spec (the engine\'s input, described in ARCHITECTURE.md) instead of the image and container flags' -r -F
complete -c den -n "__fish_den_using_subcommand create" -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c den -n "__fish_den_using_subcommand create" -l replace -d 'Replace an existing container of the same name'
complete -c den -n "__fish_den_using_subcommand create" -l rootfs -d 'The image argument is a directory holding a root filesystem (refused: den runs images; import the directory as one first)'
complete -c den -n "__fish_den_using_subcommand create" -l unsetenv-all -d 'Leave out every default variable: only those given with -e remain'
complete -c den -n "__fish_den_using_subcommand create" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand create" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v1 only: refused)'
complete -c den -n "__fish_den_using_subcommand create" -l no-healthcheck -d 'No healthcheck, whatever the image says'
complete -c den -n "__fish_den_using_subcommand create" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is (den writes none)'
complete -c den -n "__fish_den_using_subcommand create" -l env-host -d 'Pass den\'s whole environment into the container'
complete -c den -n "__fish_den_using_subcommand create" -l privileged -d 'Every capability, no masked or read-only paths'
complete -c den -n "__fish_den_using_subcommand create" -l read-only -d 'Make the root filesystem read-only'
complete -c den -n "__fish_den_using_subcommand create" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c den -n "__fish_den_using_subcommand create" -s q -l quiet -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand create" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand start" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand start" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand start" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand start" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand start" -l filter -d 'With --all: KEY=VALUE, as ps --filter (restart-policy=always, label=...)' -r
complete -c den -n "__fish_den_using_subcommand start" -l detach-keys -d 'With --attach: keys that detach from a -t container (empty: none)' -r
complete -c den -n "__fish_den_using_subcommand start" -l sig-proxy -d 'With --attach: pass signals den receives to the container' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output and wait for it (one container)'
complete -c den -n "__fish_den_using_subcommand start" -s i -l interactive -d 'Keep stdin open (with --attach)'
complete -c den -n "__fish_den_using_subcommand start" -l all -d 'Every stopped container (that the filters match)'
complete -c den -n "__fish_den_using_subcommand start" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand start" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stop" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stop" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stop" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stop" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c den -n "__fish_den_using_subcommand stop" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand stop" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand stop" -s a -l all -d 'Stop all containers'
complete -c den -n "__fish_den_using_subcommand stop" -s i -l ignore -d 'A container that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand stop" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand stop" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand kill" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kill" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kill" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand kill" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c den -n "__fish_den_using_subcommand kill" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c den -n "__fish_den_using_subcommand kill" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand kill" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand restart" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand restart" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand restart" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand restart" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c den -n "__fish_den_using_subcommand restart" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand restart" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand restart" -s a -l all -d 'Restart all containers'
complete -c den -n "__fish_den_using_subcommand restart" -l running -d 'With --all: only the running ones'
complete -c den -n "__fish_den_using_subcommand restart" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand restart" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand wait" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand wait" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand wait" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand wait" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand wait" -l condition -d 'State to wait for (stopped, exited, running, paused, created, healthy, unhealthy, removing, ...; default stopped): the exit code is printed for stopped and exited, -1 for the others' -r -f -a "configured\t''
created\t''
exited\t''
healthy\t''
initialized\t''
paused\t''
removing\t''
running\t''
stopped\t''
stopping\t''
unhealthy\t''"
complete -c den -n "__fish_den_using_subcommand wait" -s i -l interval -d 'How often to look: a duration (250ms, 1s) or milliseconds' -r
complete -c den -n "__fish_den_using_subcommand wait" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand wait" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand rm" -s t -l time -d 'With --force: seconds to wait for a running container to stop before killing it (default 0: killed at once, as docker rm -f)' -r
complete -c den -n "__fish_den_using_subcommand rm" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand rm" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand rm" -s f -l force -d 'Stop and remove running containers too'
complete -c den -n "__fish_den_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c den -n "__fish_den_using_subcommand rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c den -n "__fish_den_using_subcommand rm" -s i -l ignore -d 'A container that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand rm" -l depend -d 'Remove the containers that depend on these too'
complete -c den -n "__fish_den_using_subcommand rm" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand rename" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rename" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand rename" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand rename" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand rename" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand update" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand update" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand update" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand update" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand update" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand update" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand update" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand update" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand update" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand update" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand update" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand update" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand update" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand update" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand update" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand update" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand update" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pause" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand pause" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand pause" -s a -l all -d 'Pause (or unpause) all running containers'
complete -c den -n "__fish_den_using_subcommand pause" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand pause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand unpause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unpause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unpause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand unpause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand unpause" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand unpause" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand unpause" -s a -l all -d 'Pause (or unpause) all running containers'
complete -c den -n "__fish_den_using_subcommand unpause" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand exec" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand exec" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand exec" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand exec" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c den -n "__fish_den_using_subcommand exec" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand exec" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand exec" -l detach-keys -d 'Keys that detach from the session: den\'s exec sessions cannot be detached from, so only "" (none, as den does anyway) is taken' -r
complete -c den -n "__fish_den_using_subcommand exec" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand exec" -s d -l detach -d 'Run the command in the background'
complete -c den -n "__fish_den_using_subcommand exec" -l privileged -d 'Give the command every capability'
complete -c den -n "__fish_den_using_subcommand exec" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand exec" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand attach" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand attach" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand attach" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand attach" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand attach" -l detach-keys -d 'Keys that detach (ctrl-<x> or characters, comma-separated; empty: none)' -r
complete -c den -n "__fish_den_using_subcommand attach" -l sig-proxy -d 'Pass signals den receives to the container' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand attach" -l no-stdin -d 'Do not attach stdin'
complete -c den -n "__fish_den_using_subcommand attach" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand attach" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand top" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand top" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand top" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand top" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand top" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand top" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand port" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand port" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand port" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand port" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand port" -s a -l all -d 'List the ports of all containers'
complete -c den -n "__fish_den_using_subcommand port" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand port" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand cp" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand cp" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand cp" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand cp" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand cp" -s a -l archive -d 'Files copied into a container are owned by its user (false: keep the owners they have)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand cp" -l overwrite -d 'Replace a directory with a file, or a file with a directory'
complete -c den -n "__fish_den_using_subcommand cp" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand export" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand export" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand export" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand export" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c den -n "__fish_den_using_subcommand export" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand diff" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand diff" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand diff" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand diff" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand diff" -l format -d 'Output as json' -r
complete -c den -n "__fish_den_using_subcommand diff" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand diff" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand commit" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand commit" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand commit" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand commit" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand commit" -s a -l author -d 'The author of the image' -r
complete -c den -n "__fish_den_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR' -r
complete -c den -n "__fish_den_using_subcommand commit" -s m -l message -d 'A message for the image\'s history' -r
complete -c den -n "__fish_den_using_subcommand commit" -s p -l pause -d 'Pause the container while it is committed' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand commit" -s f -l format -d 'Image format: oci or docker (den writes OCI manifests)' -r -f -a "oci\t''
docker\t''"
complete -c den -n "__fish_den_using_subcommand commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand commit" -s q -l quiet -d 'Print only the image id (den prints nothing else anyway)'
complete -c den -n "__fish_den_using_subcommand commit" -l include-volumes -d 'Make the container\'s volumes the image\'s VOLUMEs'
complete -c den -n "__fish_den_using_subcommand commit" -s s -l squash -d 'Make the changes one layer (a commit always makes one: no effect)'
complete -c den -n "__fish_den_using_subcommand commit" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand mount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand mount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand mount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand mount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand mount" -l format -d 'Output as json (when listing)' -r
complete -c den -n "__fish_den_using_subcommand mount" -s a -l all -d 'Mount every container'
complete -c den -n "__fish_den_using_subcommand mount" -l no-trunc -d 'Show full container ids'
complete -c den -n "__fish_den_using_subcommand mount" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand mount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand unmount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unmount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unmount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand unmount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand unmount" -s a -l all -d 'Unmount every container'
complete -c den -n "__fish_den_using_subcommand unmount" -s f -l force -d 'Unmount even when mounted more than once (den\'s mounts are never shared)'
complete -c den -n "__fish_den_using_subcommand unmount" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand ps" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand ps" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand ps" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand ps" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand ps" -s n -l last -d 'Show the N latest containers (all states)' -r
complete -c den -n "__fish_den_using_subcommand ps" -s f -l filter -d 'Filter: name=, id=, status=, label=KEY[=VALUE], ancestor=, exited=' -r
complete -c den -n "__fish_den_using_subcommand ps" -l format -d 'Format output: json, or a Go template like \'{{.Names}} {{.Status}}\'' -r
complete -c den -n "__fish_den_using_subcommand ps" -l sort -d 'Sort by command, created, id, image, names, runningfor, size or status (default: newest first)' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c den -n "__fish_den_using_subcommand ps" -s w -l watch -d 'Print the list again every N seconds, until interrupted' -r
complete -c den -n "__fish_den_using_subcommand ps" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c den -n "__fish_den_using_subcommand ps" -s q -l quiet -d 'Print only container ids'
complete -c den -n "__fish_den_using_subcommand ps" -s l -l latest -d 'Show the latest container created (all states)'
complete -c den -n "__fish_den_using_subcommand ps" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c den -n "__fish_den_using_subcommand ps" -l no-trunc -d 'Do not truncate ids and commands'
complete -c den -n "__fish_den_using_subcommand ps" -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand ps" -l external -d 'Containers of other tools too (den knows only its own)'
complete -c den -n "__fish_den_using_subcommand ps" -l sync -d 'Sync the state with the runtime first (den reads it from the processes every time: nothing to do)'
complete -c den -n "__fish_den_using_subcommand ps" -l pod -d 'Show the pod of each container'
complete -c den -n "__fish_den_using_subcommand ps" -l ns -d 'Show the namespaces of each container (their inode numbers)'
complete -c den -n "__fish_den_using_subcommand ps" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stats" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stats" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stats" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stats" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stats" -l format -d 'Format output: json, or a Go template like \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c den -n "__fish_den_using_subcommand stats" -s i -l interval -d 'Seconds between samples when streaming' -r
complete -c den -n "__fish_den_using_subcommand stats" -s a -l all -d 'Show stopped containers too'
complete -c den -n "__fish_den_using_subcommand stats" -l no-stream -d 'Print one sample and exit'
complete -c den -n "__fish_den_using_subcommand stats" -l no-reset -d 'Do not clear the terminal between samples'
complete -c den -n "__fish_den_using_subcommand stats" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand stats" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand stats" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand logs" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand logs" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand logs" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand logs" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand logs" -s n -l tail -d 'Print only the last N lines (-1 or all: every line)' -r
complete -c den -n "__fish_den_using_subcommand logs" -l since -d 'Only output since this time (RFC 3339, unix seconds, or a duration like 10m)' -r
complete -c den -n "__fish_den_using_subcommand logs" -l until -d 'Only output before this time (RFC 3339, unix seconds, or a duration like 10m)' -r
complete -c den -n "__fish_den_using_subcommand logs" -s f -l follow -d 'Keep printing output as it arrives, until the container stops'
complete -c den -n "__fish_den_using_subcommand logs" -s t -l timestamps -d 'Prefix each line with its time'
complete -c den -n "__fish_den_using_subcommand logs" -l names -d 'Each line after its container\'s name'
complete -c den -n "__fish_den_using_subcommand logs" -l details -d 'Docker\'s: the extra attributes a log driver\'s labels and env options add to each line; den\'s log drivers add none, so the lines are the same'
complete -c den -n "__fish_den_using_subcommand logs" -l color -d 'Colour the names (with --names)'
complete -c den -n "__fish_den_using_subcommand logs" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand logs" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "run" -d 'Run a command in a new container'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "init" -d 'Ready containers to start without starting them (refused: den readies a container as it starts it)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "create" -d 'Create a container without starting it'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "start" -d 'Start one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "stop" -d 'Stop one or more running containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "restart" -d 'Restart one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "rm" -d 'Remove one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "rename" -d 'Rename a container'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "update" -d 'Change the resource limits of containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "unpause" -d 'Unpause one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "exec" -d 'Run a command in a running container'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "top" -d 'Display the running processes of a container'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "port" -d 'List a container\'s published ports'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "cp" -d 'Copy files between a container and the host (or a tar stream)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "mount" -d 'Mount a container\'s rootfs (inside den unshare) and print where'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "unmount" -d 'Unmount what den mount mounted'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "ls" -d 'List containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "logs" -d 'Show a container\'s output'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "stats" -d 'Show what containers use: CPU, memory, network, block I/O, processes'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "prune" -d 'Remove all stopped containers'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "exists" -d 'Exit 0 if the container exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "clone" -d 'Make a copy of a container (its command line again, with changes)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "runlabel" -d 'Run the command an image keeps in a label'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "cleanup" -d 'Clean up after stopped containers (and remove them with --rm)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "checkpoint" -d 'Checkpoint a running container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "restore" -d 'Restore a checkpointed container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand container; and not __fish_seen_subcommand_from run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ls logs stats inspect prune exists clone runlabel cleanup checkpoint restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from a -t container (ctrl-<x> or characters; empty: none)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Pass signals den receives to the container (with -t)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Name of the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Leave out a default variable (the image\'s, or den\'s TERM)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-conf -d 'Write a cgroup v2 file of the container\'s cgroup: KEY=VALUE (memory.high=1g)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Make the container\'s cgroup under this path of your delegated cgroup (default: den)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'A device cgroup rule ("c 1:3 mr"): ignored with a warning, as a rootless container has no device cgroup (give devices with --device)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'The healthcheck: a shell command, a JSON array (["CMD","curl","-f","..."]), or NONE for none (default: the image\'s HEALTHCHECK)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between checks (30s; disable: only `den healthcheck run`)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Time a check may take before it counts as failed (30s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Failures in a row that make the container unhealthy (3)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Time after the start in which failures do not count (0s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between checks during the start period (5s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart, stop' -r -f -a "none\t''
kill\t''
restart\t''
stop\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'Umask of the container\'s processes (octal; default 0022)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Extra groups for the container\'s processes (names in the container\'s /etc/group, or numbers); keep-groups keeps your own groups' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l personality -d 'Execution domain: LINUX, or LINUX32 (uname -m says i686)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Adjust the container\'s OOM score (-1000..1000; without privileges only upwards)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container after this many seconds' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (64m, 1g; default 64m)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Time zone: local (the host\'s), or a zone like Europe/Berlin' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Add an /etc/passwd entry for a --user the image lacks (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'The /etc/passwd entry added for such a user ($USERNAME, $UID, $GID, $NAME and $HOME are replaced)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add a host user (name or uid) to the container\'s /etc/passwd' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'Run this host program as PID 1 (with --init; bound at /run/podman-init)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Give the container a secret (see den secret): NAME[,type=mount|env] [,target=PATH|VAR][,uid=N][,gid=N][,mode=M]; a file under /run/secrets by default' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'The image\'s VOLUMEs: bind (anonymous volumes, the default), tmpfs, ignore' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l seccomp-policy -d 'Seccomp profile: default (den\'s), or image (the image\'s io.containers.seccomp.profile label, where it has one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'systemd mode: true (when the command is an init or systemd), false, always: tmpfs on /run, /run/lock, /tmp, /var/log/journal, stop signal RTMIN+3, container_uuid' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l chrootdirs -d 'A directory inside the container treated as a chroot: it gets /etc/hosts, resolv.conf and hostname too' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Merge a variable with the image\'s: PATH=/opt/bin:${PATH}' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Pass den\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, upper case too) into the container (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers (names or ids, comma-separated) started before this one' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the supervisor\'s pid (podman\'s conmon) to this file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run in this pod (name or id): share its namespaces (new:NAME makes it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l init-ctr -d 'A pod\'s init container: always (run at each pod start) or once (then removed); it runs to its end before the pod\'s other containers start' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Streams to attach in the foreground: stdin, stdout, stderr (default: stdout and stderr; create keeps it for nothing, as podman\'s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l ip6 -d 'A static IPv6 address (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -d 'Map ids from a named range of /etc/subuid (not supported: den maps from your own ranges; use --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -d 'Map ids from a named range of /etc/subgid (not supported: den maps from your own ranges; use --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'cgroups: enabled (one per container where the host delegates them), disabled (none), no-conmon or split (as enabled: den\'s supervisor is never in the container\'s cgroup)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels from a file (KEY=VALUE lines; # comments)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container (default: the image\'s STOPSIGNAL, else TERM)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Log driver: k8s-file, json-file, none, passthrough, or journald (where a systemd journal listens)' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''
journald\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log options: max-size=SIZE rotates the k8s-file log past SIZE, keeping one older file (-1: never). Default: max_size in the [logs] table of $XDG_CONFIG_HOME/den/den.conf, else 20m' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (den\'s, the default) or keep-id[:uid=N,gid=N] (your own ids inside)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'Map container uids to den\'s ids (0 is you, 1.. your subordinate ids): CONTAINER:DEN:COUNT' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'Map container gids like --uidmap' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD] (nofile, nproc, core, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Host devices the user can open: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Mount a host directory (HOST-DIR:CONTAINER-DIR), a named volume (NAME:CONTAINER-DIR) or a new anonymous volume (CONTAINER-DIR); options after another colon: ro, U, O, nocopy, z, [no]exec, [no]suid, [no]dev, bind, rbind, rprivate, rshared, rslave, ...' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount by keys: type=bind|volume|tmpfs,src=...,dst=...[,ro][,...]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a fresh tmpfs: PATH[:size=SIZE,mode=MODE,noexec,...]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and host directories of another container too' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only: tmpfs on /tmp, /run and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'What to tell systemd (NOTIFY_SOCKET): conmon (ready when the command runs), healthy (at the first passed healthcheck), container (the container says it, through a socket at /run/notify/notify.sock), ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s pid (as the host sees it) to this file when it starts' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'When to pull the image: always, missing, never, newer' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l spec -d 'Make the container from a JSON container spec (the engine\'s input, described in ARCHITECTURE.md) instead of the image and container flags' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container id'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image when the container exits, unless another container uses it (implies --rm)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Replace an existing container of the same name'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'The image argument is a directory holding a root filesystem (refused: den runs images; import the directory as one first)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Leave out every default variable: only those given with -e remain'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v1 only: refused)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'No healthcheck, whatever the image says'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is (den writes none)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Pass den\'s whole environment into the container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Every capability, no masked or read-only paths'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Make the root filesystem read-only'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'Every container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Leave out a default variable (the image\'s, or den\'s TERM)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-conf -d 'Write a cgroup v2 file of the container\'s cgroup: KEY=VALUE (memory.high=1g)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Make the container\'s cgroup under this path of your delegated cgroup (default: den)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'A device cgroup rule ("c 1:3 mr"): ignored with a warning, as a rootless container has no device cgroup (give devices with --device)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'The healthcheck: a shell command, a JSON array (["CMD","curl","-f","..."]), or NONE for none (default: the image\'s HEALTHCHECK)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between checks (30s; disable: only `den healthcheck run`)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Time a check may take before it counts as failed (30s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Failures in a row that make the container unhealthy (3)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Time after the start in which failures do not count (0s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between checks during the start period (5s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart, stop' -r -f -a "none\t''
kill\t''
restart\t''
stop\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'Umask of the container\'s processes (octal; default 0022)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Extra groups for the container\'s processes (names in the container\'s /etc/group, or numbers); keep-groups keeps your own groups' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l personality -d 'Execution domain: LINUX, or LINUX32 (uname -m says i686)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Adjust the container\'s OOM score (-1000..1000; without privileges only upwards)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container after this many seconds' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (64m, 1g; default 64m)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Time zone: local (the host\'s), or a zone like Europe/Berlin' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Add an /etc/passwd entry for a --user the image lacks (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'The /etc/passwd entry added for such a user ($USERNAME, $UID, $GID, $NAME and $HOME are replaced)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add a host user (name or uid) to the container\'s /etc/passwd' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Run this host program as PID 1 (with --init; bound at /run/podman-init)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Give the container a secret (see den secret): NAME[,type=mount|env] [,target=PATH|VAR][,uid=N][,gid=N][,mode=M]; a file under /run/secrets by default' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'The image\'s VOLUMEs: bind (anonymous volumes, the default), tmpfs, ignore' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l seccomp-policy -d 'Seccomp profile: default (den\'s), or image (the image\'s io.containers.seccomp.profile label, where it has one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'systemd mode: true (when the command is an init or systemd), false, always: tmpfs on /run, /run/lock, /tmp, /var/log/journal, stop signal RTMIN+3, container_uuid' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l chrootdirs -d 'A directory inside the container treated as a chroot: it gets /etc/hosts, resolv.conf and hostname too' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Merge a variable with the image\'s: PATH=/opt/bin:${PATH}' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Pass den\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, upper case too) into the container (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: private or shareable (the default), host, none (no /dev/shm), container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace (host name): private (the default), host, container:NAME' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: private, host (default: private where the container has a cgroup)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers (names or ids, comma-separated) started before this one' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the supervisor\'s pid (podman\'s conmon) to this file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run in this pod (name or id): share its namespaces (new:NAME makes it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l init-ctr -d 'A pod\'s init container: always (run at each pod start) or once (then removed); it runs to its end before the pod\'s other containers start' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Streams to attach in the foreground: stdin, stdout, stderr (default: stdout and stderr; create keeps it for nothing, as podman\'s)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l ip6 -d 'A static IPv6 address (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -d 'Map ids from a named range of /etc/subuid (not supported: den maps from your own ranges; use --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -d 'Map ids from a named range of /etc/subgid (not supported: den maps from your own ranges; use --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'cgroups: enabled (one per container where the host delegates them), disabled (none), no-conmon or split (as enabled: den\'s supervisor is never in the container\'s cgroup)' -r -f -a "enabled\t''
disabled\t''
no-conmon\t''
split\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file (KEY=VALUE lines; # comments)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s STOPSIGNAL, else TERM)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Log driver: k8s-file, json-file, none, passthrough, or journald (where a systemd journal listens)' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''
journald\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log options: max-size=SIZE rotates the k8s-file log past SIZE, keeping one older file (-1: never). Default: max_size in the [logs] table of $XDG_CONFIG_HOME/den/den.conf, else 20m' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities (names with or without CAP_, or ALL)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (den\'s, the default) or keep-id[:uid=N,gid=N] (your own ids inside)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'Map container uids to den\'s ids (0 is you, 1.. your subordinate ids): CONTAINER:DEN:COUNT' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'Map container gids like --uidmap' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD] (nofile, nproc, core, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Namespaced sysctls: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, fs.mqueue.*)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Host devices the user can open: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Mount a host directory (HOST-DIR:CONTAINER-DIR), a named volume (NAME:CONTAINER-DIR) or a new anonymous volume (CONTAINER-DIR); options after another colon: ro, U, O, nocopy, z, [no]exec, [no]suid, [no]dev, bind, rbind, rprivate, rshared, rslave, ...' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount by keys: type=bind|volume|tmpfs,src=...,dst=...[,ro][,...]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a fresh tmpfs: PATH[:size=SIZE,mode=MODE,noexec,...]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and host directories of another container too' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only: tmpfs on /tmp, /run and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'What to tell systemd (NOTIFY_SOCKET): conmon (ready when the command runs), healthy (at the first passed healthcheck), container (the container says it, through a socket at /run/notify/notify.sock), ignore' -r -f -a "conmon\t''
container\t''
healthy\t''
ignore\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s pid (as the host sees it) to this file when it starts' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'When to pull the image: always, missing, never, newer' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT] (linux/arm64)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Pull the image for this architecture (arm64, s390x, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Pull the image for this operating system' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Pull the image for this architecture variant (v7, v8)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l spec -d 'Make the container from a JSON container spec (the engine\'s input, described in ARCHITECTURE.md) instead of the image and container flags' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Replace an existing container of the same name'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'The image argument is a directory holding a root filesystem (refused: den runs images; import the directory as one first)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Leave out every default variable: only those given with -e remain'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable the OOM killer (cgroup v1 only: refused)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'No healthcheck, whatever the image says'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is (den writes none)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Pass den\'s whole environment into the container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Every capability, no masked or read-only paths'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Make the root filesystem read-only'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'Docker\'s signature checks: no effect (as in podman)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l filter -d 'With --all: KEY=VALUE, as ps --filter (restart-policy=always, label=...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'With --attach: keys that detach from a -t container (empty: none)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'With --attach: pass signals den receives to the container' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output and wait for it (one container)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Keep stdin open (with --attach)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Every stopped container (that the filters match)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'A container that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'With --all: only the running ones'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'State to wait for (stopped, exited, running, paused, created, healthy, unhealthy, removing, ...; default stopped): the exit code is printed for stopped and exited, -1 for the others' -r -f -a "configured\t''
created\t''
exited\t''
healthy\t''
initialized\t''
paused\t''
removing\t''
running\t''
stopped\t''
stopping\t''
unhealthy\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'How often to look: a duration (250ms, 1s) or milliseconds' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds to wait for a running container to stop before killing it (default 0: killed at once, as docker rm -f)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A container that does not exist is no error'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on these too'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause (or unpause) all running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'The container whose id this file holds (as run --cidfile wrote it)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -l filter -d 'Only the containers that match: KEY=VALUE, as ps --filter (status=exited, label=K=V, name=N, ...)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Pause (or unpause) all running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to take it from den\'s environment)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'User (name or uid, optionally :group) to run as' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass den\'s descriptors 3 to 3+N-1 on to the command' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Keys that detach from the session: den\'s exec sessions cannot be detached from, so only "" (none, as den does anyway) is taken' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command every capability'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach (ctrl-<x> or characters, comma-separated; empty: none)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Pass signals den receives to the container' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach stdin'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'List the ports of all containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Files copied into a container are owned by its user (false: keep the owners they have)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Replace a directory with a file, or a file with a directory'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Output as json' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'The author of the image' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'A message for the image\'s history' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container while it is committed' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Image format: oci or docker (den writes OCI manifests)' -r -f -a "oci\t''
docker\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image id (den prints nothing else anyway)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Make the container\'s volumes the image\'s VOLUMEs'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Make the changes one layer (a commit always makes one: no effect)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Output as json (when listing)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -d 'Show full container ids'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even when mounted more than once (den\'s mounts are never shared)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N latest containers (all states)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, status=, label=KEY[=VALUE], ancestor=, exited=' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output: json, or a Go template like \'{{.Names}} {{.Status}}\'' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created, id, image, names, runningfor, size or status (default: newest first)' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Print the list again every N seconds, until interrupted' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only container ids'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest container created (all states)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids and commands'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Containers of other tools too (den knows only its own)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync the state with the runtime first (den reads it from the processes every time: nothing to do)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l pod -d 'Show the pod of each container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -l ns -d 'Show the namespaces of each container (their inode numbers)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Print only the last N lines (-1 or all: every line)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Only output since this time (RFC 3339, unix seconds, or a duration like 10m)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Only output before this time (RFC 3339, unix seconds, or a duration like 10m)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing output as it arrives, until the container stops'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its time'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l names -d 'Each line after its container\'s name'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l details -d 'Docker\'s: the extra attributes a log driver\'s labels and env options add to each line; den\'s log drivers add none, so the lines are the same'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -l color -d 'Colour the names (with --names)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format output: json, or a Go template like \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between samples when streaming' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show stopped containers too'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one sample and exit'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the terminal between samples'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template (like \'{{.Id}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -s t -l type -d 'What to inspect: container, image, volume, network, pod or all' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Show the size of a container\'s writable layer (SizeRw)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Containers of other tools too (den knows only its own: accepted, as podman\'s without Buildah\'s containers around)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l name -d 'The clone\'s name (default: the original\'s with -clone)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l pod -d 'Put the clone in this pod' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -s f -l force -d 'With --destroy: stop the original first if it runs'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -l run -d 'Start the clone'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s n -l name -d 'The name NAME stands for (default: the image\'s name without registry and tag)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l display -d 'Print the command, do not run it'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s q -l quiet -d 'Pull without progress'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l replace -d 'Remove a container called NAME first'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l exec -d 'An exec session (den keeps none after it ends: nothing to clean)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Every stopped container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'Then remove the container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'Then remove its image (unless another container uses it)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s c -l compress -d 'Select compression algorithm (gzip, none, zstd) for checkpoint archive. (default "zstd")' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l create-image -d 'Create checkpoint image with specified name' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s e -l export -d 'Export the checkpoint image to a tar.gz' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s a -l all -d 'Checkpoint all running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l file-locks -d 'Checkpoint a container with file locks'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-rootfs -d 'Do not include root file-system changes when exporting'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-volumes -d 'Do not export volumes associated with container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s k -l keep -d 'Keep all temporary checkpoint files'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s l -l latest -d 'Act on the latest container podman is aware of'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s R -l leave-running -d 'Leave the container running after writing checkpoint to disk'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s P -l pre-checkpoint -d 'Dump container\'s memory information only, leave the container running'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l print-stats -d 'Display checkpoint statistics'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l tcp-established -d 'Checkpoint a container with established TCP connections'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l with-previous -d 'Checkpoint container with pre-checkpoint images'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s i -l import -d 'Restore from exported checkpoint archive (tar.gz)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l import-previous -d 'Restore from exported pre-checkpoint archive (tar.gz)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s n -l name -d 'Specify new name for container restored from exported checkpoint (only works with image or --import)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l pod -d 'Restore container into existing Pod (only works with image or --import)' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host (default [])' -r
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s a -l all -d 'Restore all checkpointed containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l file-locks -d 'Restore a container with file locks'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-rootfs -d 'Do not apply root file-system changes when importing from exported checkpoint'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-ip -d 'Ignore IP address set via --static-ip'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-mac -d 'Ignore MAC address set via --mac-address'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-volumes -d 'Do not export volumes associated with container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s k -l keep -d 'Keep all temporary checkpoint files'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s l -l latest -d 'Act on the latest container podman is aware of'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l print-stats -d 'Display restore statistics'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -l tcp-established -d 'Restore a container with established TCP connections'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "init" -d 'Ready containers to start without starting them (refused: den readies a container as it starts it)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change the resource limits of containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause one or more containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List a container\'s published ports'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host (or a tar stream)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a container\'s rootfs (inside den unshare) and print where'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount what den mount mounted'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show a container\'s output'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Show what containers use: CPU, memory, network, block I/O, processes'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if the container exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Make a copy of a container (its command line again, with changes)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "runlabel" -d 'Run the command an image keeps in a label'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Clean up after stopped containers (and remove them with --rm)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Checkpoint a running container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore a checkpointed container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "create" -d 'Create a network'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "ls" -d 'List networks'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "inspect" -d 'Display the configuration of networks'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "rm" -d 'Remove networks'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "prune" -d 'Remove every network no container uses'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "connect" -d 'Connect a container to a network'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "exists" -d 'Exit 0 if the network exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "reload" -d 'Restore containers\' network rules after a firewall reload (den\'s userspace networks keep none in the host\'s firewall: nothing to restore; the running containers named are reported)'
complete -c den -n "__fish_den_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR form (default: the first free 10.89.N.0/24)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway of the subnet (default: its first address)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver (only bridge)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Metadata: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Give containers addresses from this part of the subnet (CIDR)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-driver -d 'How addresses are given: host-local (den\'s own)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (not supported: den\'s networks take none)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No traffic to or from outside the network'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l disable-dns -d 'Containers on the network do not resolve each other\'s names'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Do nothing if the network exists'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'IPv6 (not supported: den\'s user networks are IPv4)'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template (like \'{{.Name}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, driver=, label=' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Show full network ids'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Omit the table header'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template (like \'{{.Subnets}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'Networks With --force: seconds to wait for a running container to stop before killing it (default 0)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Also remove the containers that use the network'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name for the container on this network' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'The container\'s IPv4 address on this network' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip6 -d 'An IPv6 address (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'A MAC address on this network (not supported on user networks)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for compatibility'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -s a -l all -d 'Every running container'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -s l -l latest -d 'Act on the container made last'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of networks'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove networks'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every network no container uses'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if the network exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Restore containers\' network rules after a firewall reload (den\'s userspace networks keep none in the host\'s firewall: nothing to restore; the running containers named are reported)'
complete -c den -n "__fish_den_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "create" -d 'Create a volume'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "ls" -d 'List volumes'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "rm" -d 'Remove volumes'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "exists" -d 'Exit 0 if the volume exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "mount" -d 'Print where volumes\' data is (a local volume is always there)'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "unmount" -d 'Undo mount: nothing to undo for a local volume'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "reload" -d 'Reload volumes from volume plugins (den has none: nothing changes)'
complete -c den -n "__fish_den_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import mount unmount reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (den has local)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Metadata: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Options: type=tmpfs, o=size=..,mode=.. ; device=PATH with o=bind ; o=uid=N,gid=N ; nocopy' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'A volume of that name that exists already is kept, and no error'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template (like \'{{.Name}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, driver=, scope=, label=, opt=, dangling=true|false' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Omit the table header'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template (like \'{{.Mountpoint}}\'), or json' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect every volume'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds to wait for a running container to stop before killing it (default 0)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the volumes too'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from reload" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from reload" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove volumes'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if the volume exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Print where volumes\' data is (a local volume is always there)'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Undo mount: nothing to undo for a local volume'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Reload volumes from volume plugins (den has none: nothing changes)'
complete -c den -n "__fish_den_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "run" -d 'Run a container\'s healthcheck now: prints nothing and exits 0 when the check passes, prints unhealthy and exits 1 when it fails'
complete -c den -n "__fish_den_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a container\'s healthcheck now: prints nothing and exits 0 when the check passes, prints unhealthy and exits 1 when it fails'
complete -c den -n "__fish_den_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -s f -l file -d 'Compose file (several merge in order; default: those COMPOSE_FILE lists, else compose.yaml, docker-compose.yml, ... and its override file, here or in the nearest directory above)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -s p -l project-name -d 'Project name (default: COMPOSE_PROJECT_NAME, the file\'s name:, the directory\'s name)' -r
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l env-file -d 'Variables for interpolation (default: .env beside the first file)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l profile -d 'Profiles to enable (services with profiles run only when one is)' -r
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l project-directory -d 'Where relative paths start and .env is read (default: the first Compose file\'s directory)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l ansi -d 'Colours in the containers\' output: never, always or auto (on a terminal)' -r -f -a "never\t''
always\t''
auto\t''"
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -l progress -d 'Progress lines: auto, tty, plain, json or quiet (none)' -r -f -a "auto\t''
tty\t''
plain\t''
json\t''
quiet\t''"
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "config" -d 'Print the resolved model: the files merged, interpolated, normalized'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "up" -d 'Make and start the project\'s networks, volumes and containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "create" -d 'Make the project\'s networks, volumes and containers; start none'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "cp" -d 'Copy files between a service\'s container and the host'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "wait" -d 'Wait until the services\' running containers stop; their exit code'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "down" -d 'Stop and remove the project\'s containers and networks (and volumes, -v)'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "ps" -d 'List the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "logs" -d 'Show the output of the project\'s containers, each line after its name'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "build" -d 'Build the images of services with build:'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "start" -d 'Start the project\'s stopped containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "stop" -d 'Stop the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "restart" -d 'Restart the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "exec" -d 'Run a command in a running service container'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "run" -d 'Run a one-off command in a new container of a service'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "rm" -d 'Remove the project\'s stopped containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "kill" -d 'Send a signal to the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "pause" -d 'Pause the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "unpause" -d 'Unpause the project\'s paused containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "top" -d 'The processes of the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "port" -d 'The host port a service\'s container port is published on'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "images" -d 'The images the project\'s containers use'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "pull" -d 'Pull the images of services that do not build'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "push" -d 'Push the images of services that build and name an image:'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "events" -d 'The project\'s container events as they happen'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "version" -d 'den\'s version'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "ls" -d 'List the projects (from their containers; no file needed)'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "attach" -d 'Attach to a service\'s container: its output, and its stdin'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "stats" -d 'The resource use of the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "scale" -d 'Set services\' numbers of containers (SERVICE=N), made or removed as up --scale does'
complete -c den -n "__fish_den_using_subcommand compose; and not __fish_seen_subcommand_from config up create cp wait down ps logs build start stop restart exec run rm kill pause unpause top port images pull push events version ls attach stats scale help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l hash -d 'Print each service\'s configuration hash (SERVICE,... or *)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l format -d 'Output format: yaml (default) or json' -r -f -a "yaml\t''
json\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l services -d 'Print the services\' names, one per line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumes -d 'Print the volumes\' names, one per line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l networks -d 'Print the networks\' names, one per line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l images -d 'Print the services\' images, one per line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -l environment -d 'Print the variables the files were interpolated from'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Check the files only: print nothing'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l exit-code-from -d 'Exit with the exit code of SERVICE\'s container (implies --abort-on-container-exit, unless --abort-on-container-failure)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l scale -d 'Replicas of a service: SERVICE=N (over deploy.replicas)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -s t -l timeout -d 'Seconds each container has to stop (one replaced, or at Ctrl-C) before it is killed (default: its stop_grace_period, else 10)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait-timeout -d 'With --wait: seconds to wait at most (default 300)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l pull -d 'Pull images: always, missing or never (default: each service\'s pull_policy, else missing)' -r -f -a "always\t''
missing\t''
never\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -s d -l detach -d 'Start the containers and return (without: show their output until they end; Ctrl-C stops them, a second Ctrl-C kills them)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l abort-on-container-exit -d 'Stop every container when one ends; exit with its exit code'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l abort-on-container-failure -d 'Stop every container when one ends with a failure; exit with its exit code'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-color -d 'Output without colours'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-log-prefix -d 'Output without the containers\' names before their lines'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l timestamps -d 'The time before each line of output'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l build -d 'Build the images of services with build: first, even those already built'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l force-recreate -d 'Recreate every container, even unchanged ones'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-recreate -d 'Keep existing containers, even of changed services'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l remove-orphans -d 'Remove containers of services no longer in the files'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l quiet-pull -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait -d 'Wait until the containers run (and are healthy, where they have a check), then return (as -d)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-start -d 'Make the networks, volumes and containers; start none'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-deps -d 'Only the services named, not what they depend on'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-build -d 'Build no image, not even a missing one'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l scale -d 'Replicas of a service: SERVICE=N (over deploy.replicas)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l build -d 'Build the images of services with build: first, even those already built'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l force-recreate -d 'Recreate every container, even unchanged ones'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l no-recreate -d 'Keep existing containers, even of changed services'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l remove-orphans -d 'Remove containers of services no longer in the files'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -l quiet-pull -d 'Suppress pull output'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -l index -d 'Which replica (from 1)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Files copied into the container are owned by its user (false: keep the owners they have)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -l down-project -d 'Then take the project down'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -s t -l timeout -d 'Seconds to wait for each container to stop' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l rmi -d 'Remove images: all the services use, or only the local ones (built, without an image: of their own)' -r -f -a "all\t''
local\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -s v -l volumes -d 'Remove the project\'s named volumes and its containers\' anonymous ones'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -l remove-orphans -d 'Remove containers of services no longer in the files too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l format -d 'table (default), json (one object a line), or a Go template' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l status -d 'Only containers in this state: paused, restarting, removing, running, dead, created, exited (repeat for several)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l filter -d 'status=STATUS, as --status' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -s a -l all -d 'Stopped containers too (and compose run\'s)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only the containers\' ids'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l services -d 'Only the services\' names'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Whole ids (den\'s are never cut here)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines from the end of each log (-1 or all: every line)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l since -d 'Only lines since this time (RFC 3339, a Unix time, or a duration like 10m before now)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l until -d 'Only lines until this time (as --since)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l index -d 'The replica of the service (from 1)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep following the output'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-color -d 'No colours (by default each container\'s name has one on a terminal)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'The time before each line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-log-prefix -d 'No NAME | before each line'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -l no-cache -d 'Build every step again'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print nothing but errors'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from start" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -s t -l timeout -d 'Seconds to wait for each container to stop before killing it (default: the service\'s stop_grace_period, else 10)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -s t -l timeout -d 'Seconds to wait for each container to stop before killing it (default: the service\'s stop_grace_period, else 10)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open (the default; --interactive=false closes it)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s u -l user -d 'The user to run as' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'The working directory' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l index -d 'Which replica (from 1)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s T -l no-tty -d 'No pseudo-terminal (default: one when den\'s output is a terminal)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-terminal (the default on a terminal)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run in the background'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -l privileged -d 'Every capability'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l name -d 'The container\'s name (default: PROJECT-SERVICE-run-ID)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s u -l user -d 'The user to run as' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s w -l workdir -d 'The working directory' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the service\'s entrypoint' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s v -l volume -d 'Mount a volume or bind (as den run -v; a relative host path is from the project\'s directory)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a port (as den run -p)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s l -l label -d 'Add a label' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l cap-add -d 'Add a capability' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop a capability' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep stdin open (the default)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image: always, missing or never (default: the service\'s pull_policy, else missing)' -r -f -a "always\t''
missing\t''
never\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s d -l detach -d 'Start it and return its id'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s P -l service-ports -d 'Publish the service\'s ports too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l build -d 'Build the service\'s image first'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s t -l tty -d 'A pseudo-terminal (the default on a terminal)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l quiet-pull -d 'Pull without progress'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -l no-deps -d 'Do not start the services it depends on'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s T -l no-tty -d 'No pseudo-terminal (default: one when den runs on a terminal)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -s s -l stop -d 'Stop running ones first'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not ask (den never asks)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Their anonymous volumes too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal (default KILL)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from top" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l protocol -d 'tcp or udp' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -l index -d 'Which replica (from 1)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from images" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from images" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from images" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from images" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from images" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l policy -d 'missing (only images not here) or always (the default)' -r -f -a "missing\t''
always\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'No progress'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l ignore-pull-failures -d 'Go on past an image that cannot be pulled (a warning)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -l ignore-buildable -d 'Leave out services with build:'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l ignore-push-failures -d 'Go on with the other services when one image cannot be pushed'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -l include-deps -d 'Push the images of the services they depend on too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print no progress'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -l json -d 'One JSON object per line (time, type, action, id, service, attributes)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -s f -l format -d 'pretty (default) or json' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -l short -d 'The version number alone'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -l format -d 'table (default), json, or a Go template' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -s a -l all -d 'Projects with no running container too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only the names'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l index -d 'Which replica (from 1)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach (ctrl-<x> or characters, comma-separated; empty: none)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Pass signals den receives to the container' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach stdin'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l format -d 'Format output: json, or a Go template like \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -s a -l all -d 'Stopped containers too'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one sample and exit'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -l no-deps -d 'Only the services named, not what they depend on'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "config" -d 'Print the resolved model: the files merged, interpolated, normalized'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "up" -d 'Make and start the project\'s networks, volumes and containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make the project\'s networks, volumes and containers; start none'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a service\'s container and the host'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until the services\' running containers stop; their exit code'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop and remove the project\'s containers and networks (and volumes, -v)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the output of the project\'s containers, each line after its name'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build the images of services with build:'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the project\'s stopped containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running service container'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a one-off command in a new container of a service'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove the project\'s stopped containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause the project\'s paused containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "top" -d 'The processes of the project\'s running containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "port" -d 'The host port a service\'s container port is published on'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "images" -d 'The images the project\'s containers use'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull the images of services that do not build'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push the images of services that build and name an image:'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "events" -d 'The project\'s container events as they happen'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "version" -d 'den\'s version'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the projects (from their containers; no file needed)'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a service\'s container: its output, and its stdin'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "stats" -d 'The resource use of the project\'s containers'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Set services\' numbers of containers (SERVICE=N), made or removed as up --scale does'
complete -c den -n "__fish_den_using_subcommand compose; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -f -a "deploy" -d 'Deploy a stack from a Compose file (den compose -f FILE -p NAME up -d)'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -f -a "ls" -d 'List stacks'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -f -a "ps" -d 'List the tasks (containers) of a stack'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -f -a "rm" -d 'Remove stacks: their containers and networks (volumes stay)'
complete -c den -n "__fish_den_using_subcommand stack; and not __fish_seen_subcommand_from deploy ls ps rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -s c -l compose-file -d 'The Compose file' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -l prune -d 'Remove services no longer in the file'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -l format -d 'table (default), json, or a Go template' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only the ids (services) or names (stacks)'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -l format -d 'table (default), json, or a Go template' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only the ids'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Deploy a stack from a Compose file (den compose -f FILE -p NAME up -d)'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List stacks'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List the tasks (containers) of a stack'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove stacks: their containers and networks (volumes stay)'
complete -c den -n "__fish_den_using_subcommand stack; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -f -a "ls" -d 'List services'
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -f -a "ps" -d 'List the tasks (containers) of a service: STACK_SERVICE'
complete -c den -n "__fish_den_using_subcommand service; and not __fish_seen_subcommand_from ls ps help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -l format -d 'table (default), json, or a Go template' -r
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only the ids (services) or names (stacks)'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -l format -d 'table (default), json, or a Go template' -r
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only the ids'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List services'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List the tasks (containers) of a service: STACK_SERVICE'
complete -c den -n "__fish_den_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand events" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand events" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand events" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand events" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand events" -l since -d 'Events since this time (RFC 3339, unix seconds, or a duration like 10m)' -r
complete -c den -n "__fish_den_using_subcommand events" -l until -d 'Events until this time; with --stream, stop when it passes' -r
complete -c den -n "__fish_den_using_subcommand events" -s f -l filter -d 'Filter: container=NAME|ID, event=STATUS, image=NAME, label=KEY[=VALUE], type=container|image' -r
complete -c den -n "__fish_den_using_subcommand events" -l format -d 'Format output: json, or a Go template like \'{{.Status}} {{.Name}}\'' -r
complete -c den -n "__fish_den_using_subcommand events" -l stream -d 'Keep printing new events (false: print past events and exit)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand events" -l no-trunc -d 'Full ids (the default; false: their first 12 digits)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand events" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand quadlet" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand quadlet" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand quadlet" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand quadlet" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand quadlet" -l dryrun -d 'Print the units instead of writing them'
complete -c den -n "__fish_den_using_subcommand quadlet" -l user -d 'The user\'s quadlet files (den reads only those: it is rootless)'
complete -c den -n "__fish_den_using_subcommand quadlet" -s v -l verbose -d 'Say more'
complete -c den -n "__fish_den_using_subcommand quadlet" -l no-kmsg-log -d 'Accepted for podman\'s generator\'s flags (den logs to stderr)'
complete -c den -n "__fish_den_using_subcommand quadlet" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand auto-update" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand auto-update" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand auto-update" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand auto-update" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand auto-update" -l rollback -d 'Give the old image back when the new container does not run' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand auto-update" -l format -d 'Print json, or a Go template per row ({{.Unit}}, {{.Container}}, {{.Image}}, {{.Policy}}, {{.Updated}})' -r
complete -c den -n "__fish_den_using_subcommand auto-update" -l authfile -d 'Path of the credentials file for the registries (default: auth.json)' -r -F
complete -c den -n "__fish_den_using_subcommand auto-update" -l dry-run -d 'Say what would be updated (pending), change nothing'
complete -c den -n "__fish_den_using_subcommand auto-update" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -f -a "systemd" -d 'A systemd unit that starts and stops a container'
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -f -a "spec" -d 'The container spec (den create --spec\'s input) of a container'
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -f -a "kube" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand generate; and not __fish_seen_subcommand_from systemd spec kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'The unit\'s Restart=' -r -f -a "no\t''
on-success\t''
on-failure\t''
on-abnormal\t''
on-watchdog\t''
on-abort\t''
always\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'The unit\'s RestartSec=' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l stop-timeout -d 'Seconds the container has to stop (default: its own stop timeout)' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Before the container\'s name in the unit\'s name' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Between the prefix and the name' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Wants= another unit' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'After= another unit' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Requires= another unit' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set a variable in the unit\'s environment: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'The unit\'s TimeoutStartSec=' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'Print json: the unit\'s name and text' -r -f -a "json\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'Before a pod\'s name in its unit\'s name (den makes units for containers: give the pod\'s containers)' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Make a new container at each start (from the command that made this one) and remove it at stop'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Name the container in the unit by its name (den always does)'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to ./UNIT.service and print its path'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'No comment with den\'s version at the top'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'A template unit (NAME@.service) whose instance (%i) names the container (with --new)'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -s f -l filename -d 'Write the spec to this file' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -s n -l name -d 'Leave the name out of the spec, so that it makes a new container beside the original (default true; false keeps the name)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -s c -l compact -d 'One line of JSON'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from spec" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write the YAML to this file' -r -F
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'A Service of type NodePort for the published ports too'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "systemd" -d 'A systemd unit that starts and stops a container'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "spec" -d 'The container spec (den create --spec\'s input) of a container'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "generate" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "play" -d 'Make pods, containers and volumes from Kubernetes YAML (Pod, Deployment, PersistentVolumeClaim), and start the pods'
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "down" -d 'Remove the pods kube play made from a YAML file'
complete -c den -n "__fish_den_using_subcommand kube; and not __fish_seen_subcommand_from generate play down help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to this file' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'A Service of type NodePort for the published ports too'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Annotations on the pods\' containers: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'YAML files of ConfigMaps the pods\' env and configMap volumes read (a comma-separated list, or the flag again)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'Where --build finds Containerfiles (refused with --build)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l ip -d 'The pod\'s address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Log driver of the containers: k8s-file, json-file, none, passthrough' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'Log driver options (max-size=SIZE)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l mac-address -d 'The pod\'s MAC address' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'The pod\'s network (a mode or a network\'s name)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l seccomp-profile-root -d 'Where kubelet keeps seccomp profiles: den reads profiles by path (--security-opt seccomp=FILE), so this changes nothing, as in podman where it is deprecated' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pods (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'The containers\' user namespace (host, keep-id, ...)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build images from Containerfiles first (refused: den build them, then play)'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-hosts -d 'Leave /etc/hosts as the image has it'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'No progress while pulling'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Remove the YAML\'s pods first if they exist'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "play" -d 'Make pods, containers and volumes from Kubernetes YAML (Pod, Deployment, PersistentVolumeClaim), and start the pods'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove the pods kube play made from a YAML file'
complete -c den -n "__fish_den_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand login" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand login" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand login" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand login" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand login" -s u -l username -d 'Username (asked for on a terminal when missing)' -r
complete -c den -n "__fish_den_using_subcommand login" -s p -l password -d 'Password (asked for on a terminal when missing; prefer --password-stdin)' -r
complete -c den -n "__fish_den_using_subcommand login" -l authfile -d 'Credentials file to write (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c den -n "__fish_den_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand login" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand login" -l password-stdin -d 'Read the password from stdin'
complete -c den -n "__fish_den_using_subcommand login" -l get-login -d 'Print the username stored for the registry and exit'
complete -c den -n "__fish_den_using_subcommand login" -s v -l verbose -d 'Say which credentials file is written'
complete -c den -n "__fish_den_using_subcommand login" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand logout" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand logout" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand logout" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand logout" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand logout" -l authfile -d 'Credentials file (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c den -n "__fish_den_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c den -n "__fish_den_using_subcommand logout" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand info" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand info" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand info" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand info" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand info" -s f -l format -d 'Format output: json, or a Go template like \'{{.Store.GraphDriverName}}\'' -r
complete -c den -n "__fish_den_using_subcommand info" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand version" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand version" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand version" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand version" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand version" -s f -l format -d 'Format output: json, or a Go template like \'{{.Client.Version}}\'' -r
complete -c den -n "__fish_den_using_subcommand version" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand unshare" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unshare" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand unshare" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand unshare" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand unshare" -l rootless-netns -d 'Join the network namespace den\'s user-defined networks share too'
complete -c den -n "__fish_den_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "check" -d 'Check this host for what den needs; print each problem with its fix (exit 0 only when nothing is wrong)'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "info" -d 'Display den related system information'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "df" -d 'Show the space images, containers and volumes use'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "prune" -d 'Remove stopped containers, unused networks and dangling images'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "reset" -d 'Remove all of den\'s containers, images, volumes and networks'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "migrate" -d 'Stop the running containers and den\'s pause process, so that changed /etc/subuid and /etc/subgid ranges take effect'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "renumber" -d 'Renumber locks (den has none: nothing to do, as after a renumber)'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "service" -d 'Serve podman\'s API (refused: den is daemonless)'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "connection" -d 'Remote connections (refused: den works on this host only)'
complete -c den -n "__fish_den_using_subcommand system; and not __fish_seen_subcommand_from check info df prune reset migrate renumber service connection help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format output: json, or a Go template like \'{{.Store.GraphDriverName}}\'' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format the summary with a Go template (.Type .Total .Active .Size .Reclaimable), or json' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show each image, container and volume'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every unused image, not only those without a name'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove unused volumes too'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -l new-runtime -d 'Change the containers\' OCI runtime (refused: den is its own runtime)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from renumber" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from renumber" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from renumber" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from renumber" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from renumber" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -l cors -d 'Set CORS Headers' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -d 'Time until the service session expires in seconds.  Use 0 to disable the timeout (default 5)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from connection" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from connection" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from connection" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from connection" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from connection" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check this host for what den needs; print each problem with its fix (exit 0 only when nothing is wrong)'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display den related system information'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show the space images, containers and volumes use'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove stopped containers, unused networks and dangling images'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove all of den\'s containers, images, volumes and networks'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Stop the running containers and den\'s pause process, so that changed /etc/subuid and /etc/subgid ranges take effect'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "renumber" -d 'Renumber locks (den has none: nothing to do, as after a renumber)'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "service" -d 'Serve podman\'s API (refused: den is daemonless)'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "connection" -d 'Remote connections (refused: den works on this host only)'
complete -c den -n "__fish_den_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "create" -d 'Create a pod'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "ps" -d 'List pods'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "rm" -d 'Remove pods and their containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "start" -d 'Start pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "stop" -d 'Stop pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "kill" -d 'Send a signal to pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "pause" -d 'Pause pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "unpause" -d 'Unpause pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "restart" -d 'Restart pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "logs" -d 'Show the output of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "top" -d 'Show the processes of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "stats" -d 'Show what a pod\'s containers use'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "exists" -d 'Exit 0 if the pod exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "prune" -d 'Remove every pod whose containers are all stopped'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c den -n "__fish_den_using_subcommand pod; and not __fish_seen_subcommand_from create ps rm start stop kill pause unpause restart inspect logs top stats exists prune clone help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'The pod\'s name (default: a random one)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Make an infra container holding the shared namespaces (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'The infra container\'s image (default: den\'s own, empty, pause image)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'The infra container\'s command (with --infra-image)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'The infra container\'s name (default: ID-infra)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'Where the infra container\'s supervisor writes its pid' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Namespaces the containers share: ipc, net, pid, uts (comma-separated; default ipc,net,uts)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l share-parent -d 'Share a cgroup parent (den\'s containers each have their own cgroup: only true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'continue (default): the pod runs on when its containers exit; stop: the infra container stops with the last of them' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s host name' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip6 -d 'The pod\'s IPv6 address on its network (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'The pod\'s cgroup parent' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options of the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l sysctl -d 'Namespaced sysctls: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l device -d 'Host devices: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'Volumes of the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mounts of another container for the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace of the infra container: private, host' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace of the infra container: private, host' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'User namespace of the pod (as run\'s --userns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l uidmap -d 'uid map of the pod (as run\'s --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l gidmap -d 'gid map of the pod (as run\'s --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l subuidname -d 'Map from a named range of /etc/subuid (not supported: den maps from your own ranges)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l subgidname -d 'Map from a named range of /etc/subgid (not supported: den maps from your own ranges)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Replace a pod of the same name'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE], status=' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created, id, name, number or status' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the containers\' ids'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the containers\' names'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the containers\' statuses'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate ids'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ns -d 'Show the shared namespaces'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print the ids only'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing the containers (with --force)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop running containers and remove them too'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'No error for pods that do not exist'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the containers' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'No error for pods that do not exist'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal (name or number)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -l pod-id-file -d 'The pod whose id this file holds' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only this container of the pod' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -d 'Only lines since this time' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -d 'Only lines until this time' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Only the last N lines of each container (-1 or all: every line)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep following the output'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l names -d 'Each line after its container\'s name'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -l color -d 'Colour the names (with --names)'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Each line after its time'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Every pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -s l -l latest -d 'The pod made last'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not reset the figures between reports'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'One report only'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s n -l name -d 'The pod\'s name (default: a random one)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s l -l label -d 'Set metadata (KEY=VALUE)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra -d 'Make an infra container holding the shared namespaces (default true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-image -d 'The infra container\'s image (default: den\'s own, empty, pause image)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-command -d 'The infra container\'s command (with --infra-image)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-name -d 'The infra container\'s name (default: ID-infra)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-conmon-pidfile -d 'Where the infra container\'s supervisor writes its pid' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l share -d 'Namespaces the containers share: ipc, net, pid, uts (comma-separated; default ipc,net,uts)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l share-parent -d 'Share a cgroup parent (den\'s containers each have their own cgroup: only true)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l exit-policy -d 'continue (default): the pod runs on when its containers exit; stop: the infra container stops with the last of them' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l pod-id-file -d 'Write the pod\'s id to this file' -r -F
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l hostname -d 'The pod\'s host name' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l network -d 'Network: pasta[:OPTS], slirp4netns[:OPTS], host, none, private, container:NAME, bridge, or a network\'s name (repeat for several networks) (default: pasta, else slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l network-alias -d 'Another name for the container on its user-defined networks' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l ip -d 'The container\'s IPv4 address on its user-defined network' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s p -l publish -d 'Publish a container port on the host: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTO]' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l expose -d 'Expose a port or range (PORT[-PORT][/PROTO]) besides the image\'s: -P publishes it' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l dns-search -d 'DNS search domain (\'.\' for none)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l dns-option -d 'DNS resolver option' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l add-host -d 'Add a line to /etc/hosts: HOST:IP' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l mac-address -d 'MAC address of the container\'s interface (pasta, slirp4netns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l link -d 'Docker\'s legacy links (NAME[:ALIAS]), which podman lacks too: refused, naming what to use instead (a network, on which names resolve)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l ip6 -d 'The pod\'s IPv6 address on its network (not supported: den\'s user networks are IPv4)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (64m, 1g; binary units)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory the container keeps first when the host runs short (soft limit)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs the container may use (0.5: half of one)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares, a relative weight (default 1024)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'Microseconds of CPU per --cpu-period' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpu-period -d 'The CPU period, microseconds (default 100000)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes the container may use (0-3, 0,1)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l pids-limit -d 'At most this many processes (-1: no limit; default 2048 where the pids controller is delegated)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Block I/O weight, 10 to 1000' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT (/dev/sda:200)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE (/dev/sda:10mb)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l memory-swappiness -d 'Memory swappiness, 0 to 100 (cgroup v1 only: refused; -1 leaves it)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpu-rt-period -d 'Real-time CPU period, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpu-rt-runtime -d 'Real-time CPU runtime, microseconds (cgroup v1 only: ignored with a warning, as podman does on cgroup v2)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cgroup-parent -d 'The pod\'s cgroup parent' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l security-opt -d 'Security options of the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l sysctl -d 'Namespaced sysctls: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device -d 'Host devices: HOST[:CONTAINER]' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l shm-size -d 'Size of /dev/shm' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s v -l volume -d 'Volumes of the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l volumes-from -d 'Mounts of another container for the infra container' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l pid -d 'PID namespace of the infra container: private, host' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l uts -d 'UTS namespace of the infra container: private, host' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l userns -d 'User namespace of the pod (as run\'s --userns)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l uidmap -d 'uid map of the pod (as run\'s --uidmap)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l gidmap -d 'gid map of the pod (as run\'s --gidmap)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l subuidname -d 'Map from a named range of /etc/subuid (not supported: den maps from your own ranges)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l subgidname -d 'Map from a named range of /etc/subgid (not supported: den maps from your own ranges)' -r
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l replace -d 'Replace a pod of the same name'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s P -l publish-all -d 'Publish every port the image exposes, on random host ports'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original pod (and its containers)'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -l start -d 'Start the clone'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a pod'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List pods'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove pods and their containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart pods\' containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the output of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "top" -d 'Show the processes of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Show what a pod\'s containers use'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if the pod exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every pod whose containers are all stopped'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c den -n "__fish_den_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -f -a "create" -d 'Create a secret from a file, - (stdin), or with --env a variable'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -f -a "ls" -d 'List secrets'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -f -a "inspect" -d 'Show secrets\' records (never their data)'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -f -a "rm" -d 'Remove secrets no container uses'
complete -c den -n "__fish_den_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'The secret driver: only file' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l driver-opts -d 'Driver options (the file driver takes none)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Add a label: KEY=VALUE' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the data from the variable named SOURCE in den\'s environment'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'Replace the data of a secret of that name, if there is one (containers using it read the new data when they next start)'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=NAME, id=ID' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'A Go template, or json' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the ids only'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'A Go template, or json (the default)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print the records as lines of text'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every secret no container uses'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a secret from a file, - (stdin), or with --env a variable'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List secrets'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show secrets\' records (never their data)'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove secrets no container uses'
complete -c den -n "__fish_den_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "info" -d 'Display machine host info'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "init" -d 'Initialize a virtual machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "inspect" -d 'Inspect an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "list" -d 'List machines'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "rm" -d 'Remove an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "set" -d 'Sets a virtual machine setting'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "ssh" -d 'SSH into an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "start" -d 'Start an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "stop" -d 'Stop an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and not __fish_seen_subcommand_from info init inspect list rm set ssh start stop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l cpus -d 'Number of CPUs (default 1)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l disk-size -d 'Disk size in GB (default 100)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l ignition-path -d 'Path to ignition file' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l image-path -d 'Path to qcow image (default "testing")' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -s m -l memory -d 'Memory in MB (default 2048)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l timezone -d 'Set timezone (default "local")' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l username -d 'Username used in qcow image (default "core")' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -s v -l volume -d 'Volumes to mount, source:target (default [$HOME:$HOME])' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l volume-driver -d 'Optional volume driver' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l now -d 'Start machine now'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -l rootful -d 'Whether this machine should prefer rootful container execution'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -l format -d 'Format volume output using JSON or a Go template' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l format -d 'Format volume output using JSON or a Go template (default "{{range .}}{{.Name}}\\t{{.VMType}}\\t{{.Created}}\\t{{.LastUp}}\\t{{.CPUs}}\\t{{.Memory}}\\t{{.DiskSize}}\\n{{end -}}")' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print headers'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only machine names'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and do not prompt before rming'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l save-ignition -d 'Do not delete ignition file'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l save-image -d 'Do not delete the image file'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -l save-keys -d 'Do not delete SSH keys'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l cpus -d 'Number of CPUs' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l disk-size -d 'Disk size in GB' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -s m -l memory -d 'Memory in MB' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -l rootful -d 'Whether this machine should prefer rootful container execution'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -l username -d 'Username to use when ssh-ing into the VM' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from ssh" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from start" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display machine host info'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "init" -d 'Initialize a virtual machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Inspect an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "list" -d 'List machines'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "set" -d 'Sets a virtual machine setting'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "ssh" -d 'SSH into an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop an existing machine'
complete -c den -n "__fish_den_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "create" -d 'Create a manifest list, with images in it'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "add" -d 'Add images to a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "annotate" -d 'Change the platform or annotations of an entry of a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "inspect" -d 'Show a manifest list, or an image\'s manifest or index in a registry'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "rm" -d 'Remove manifest lists'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "exists" -d 'Exit 0 if a manifest list exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push remove rm exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add every entry of an image that is a registry\'s list (not only this host\'s)'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Add to the list of that name if there is one'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation (KEY=VALUE) on the entry' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'The entry\'s architecture, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'The entry\'s features' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'The entry\'s OS, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'The entry\'s OS version' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'The entry\'s variant, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'Add every entry of an image that is a registry\'s list (not only this host\'s)'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Set an annotation (KEY=VALUE) on the entry' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'The entry\'s architecture, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'The entry\'s features' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'The entry\'s OS, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'The entry\'s OS version' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'The entry\'s variant, instead of the image\'s own' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'The entry\'s OS features' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the list\'s images too (default true; --all=false pushes the list alone)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-format -d 'Layer compression for layers the registry does not have yet: gzip or zstd' -r -f -a "gzip\t''
zstd\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed list\'s digest to this file' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'The list\'s format: oci or v2s2 (Docker\'s); the list\'s own by default' -r -f -a "oci\t''
v2s2\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the image with this GPG key (not supported: den does not sign)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'The passphrase of the signing key (not supported: den does not sign)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the credentials file (default: auth.json, ~/.docker/config.json)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Directory of certificates (*.crt) for the registry' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print no progress'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Accepted for compatibility: den copies no signatures'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the list once it is pushed'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a manifest list, with images in it'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add images to a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "annotate" -d 'Change the platform or annotations of an entry of a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a manifest list, or an image\'s manifest or index in a registry'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove manifest lists'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if a manifest list exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand __supervise" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __supervise" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __supervise" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand __supervise" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand __supervise" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand __netns" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __netns" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __netns" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand __netns" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand __netns" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand __generate" -l root -d 'Storage root (default: $XDG_DATA_HOME/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __generate" -l runroot -d 'Runtime directory for locks and sockets (default: $XDG_RUNTIME_DIR/den)' -r -F
complete -c den -n "__fish_den_using_subcommand __generate" -l storage-driver -d 'Storage driver: overlay, fuse-overlayfs or vfs (default: detected)' -r
complete -c den -n "__fish_den_using_subcommand __generate" -l log-level -d 'Log messages at this level and above: debug, info, warn, error' -r -f -a "debug\t''
info\t''
warn\t''
error\t''"
complete -c den -n "__fish_den_using_subcommand __generate" -s h -l help -d 'Print help'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "pull" -d 'Pull an image from a registry'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "push" -d 'Push an image to a registry'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "save" -d 'Save images to an archive'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "load" -d 'Load images from an archive'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "history" -d 'Show the history of an image'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "import" -d 'Make an image from a tarball'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "images" -d 'List images in local storage'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "untag" -d 'Remove names from a local image (all of them without NAMEs); the image stays'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "search" -d 'Search registries for images'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "image" -d 'Manage images'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "inspect" -d 'Display the configuration of an object'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "run" -d 'Run a command in a new container'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "init" -d 'Ready containers to start without starting them (refused: den readies a container as it starts it)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "create" -d 'Create a container without starting it'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "start" -d 'Start one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "stop" -d 'Stop one or more running containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "restart" -d 'Restart one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "rm" -d 'Remove one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "rename" -d 'Rename a container'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "update" -d 'Change the resource limits of containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "unpause" -d 'Unpause one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "exec" -d 'Run a command in a running container'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "top" -d 'Display the running processes of a container'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "port" -d 'List a container\'s published ports'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "cp" -d 'Copy files between a container and the host (or a tar stream)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "mount" -d 'Mount a container\'s rootfs (inside den unshare) and print where'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "unmount" -d 'Unmount what den mount mounted'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "ps" -d 'List containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "stats" -d 'Show what containers use: CPU, memory, network, block I/O, processes'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "logs" -d 'Show a container\'s output'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "container" -d 'Manage containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "network" -d 'Manage networks'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "volume" -d 'Manage volumes'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "healthcheck" -d 'Run containers\' healthchecks'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "compose" -d 'Multi-container applications from Compose files'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "stack" -d 'Swarm\'s stacks on this machine: compose projects'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "service" -d 'Swarm\'s services on this machine: a compose project\'s services'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "events" -d 'Show container and image events'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "quadlet" -d 'systemd units from quadlet files (.container, .volume, .network, .image, .build); den-user-generator is this'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "auto-update" -d 'Move containers labelled io.containers.autoupdate to their image\'s newest version'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "generate" -d 'Generate systemd units for containers'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "kube" -d 'Kubernetes YAML: made from containers and pods, or played into them'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "login" -d 'Log in to a registry'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "logout" -d 'Log out of a registry'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "info" -d 'Display den related system information'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "version" -d 'Display the den version information'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "unshare" -d 'Run a command in den\'s user namespace'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "system" -d 'Check the host, or show system information'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "pod" -d 'Manage pods: containers that share namespaces'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "secret" -d 'Manage secrets: data containers get as files or variables'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "machine" -d 'Virtual machines for podman on macOS and Windows (refused: den runs on this host)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "manifest" -d 'Manifest lists: one name for an image\'s builds for several platforms'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "__supervise" -d 'The per-container supervisor (internal)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "__netns" -d 'The holder of the shared network namespace (internal)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "__generate" -d 'Write man pages and shell completions (internal)'
complete -c den -n "__fish_den_using_subcommand help; and not __fish_seen_subcommand_from build pull push save load history import images rmi tag untag search image inspect run init create start stop kill restart wait rm rename update pause unpause exec attach top port cp export diff commit mount unmount ps stats logs container network volume healthcheck compose stack service events quadlet auto-update generate kube login logout info version unshare system pod secret machine manifest __supervise __netns __generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Make an image from a tarball'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove images without a name (with -a: every image no container uses)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Exit 0 if the image exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tree" -d 'Show an image\'s layers as a tree'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "sign" -d 'Sign an image (refused: den does not sign)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "trust" -d 'Manage trust policies (refused: den keeps none of its own)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "scp" -d 'Copy an image to another host (refused: den has no remote connections)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "search" -d 'Search registries for images'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from a local image (all of them without NAMEs); the image stays'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "diff" -d 'Show what an image\'s top layer changes, or what differs from one image to another'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "mount" -d 'Mount images\' layers read-only (inside den unshare); list those mounted'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "unmount" -d 'Unmount images'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "init" -d 'Ready containers to start without starting them (refused: den readies a container as it starts it)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more running containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to one or more running containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Change the resource limits of containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause one or more containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a command in a running container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List a container\'s published ports'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host (or a tar stream)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a container\'s rootfs (inside den unshare) and print where'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unmount" -d 'Unmount what den mount mounted'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show a container\'s output'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Show what containers use: CPU, memory, network, block I/O, processes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display the configuration of a container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Exit 0 if the container exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "clone" -d 'Make a copy of a container (its command line again, with changes)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "runlabel" -d 'Run the command an image keeps in a label'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cleanup" -d 'Clean up after stopped containers (and remove them with --rm)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "checkpoint" -d 'Checkpoint a running container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restore" -d 'Restore a checkpointed container (needs CRIU: refused)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Display the configuration of networks'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove networks'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove every network no container uses'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Exit 0 if the network exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "reload" -d 'Restore containers\' network rules after a firewall reload (den\'s userspace networks keep none in the host\'s firewall: nothing to restore; the running containers named are reported)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Display the configuration of volumes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove volumes'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove every volume no container uses'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Exit 0 if the volume exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Unpack a tar archive into a volume'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "mount" -d 'Print where volumes\' data is (a local volume is always there)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "unmount" -d 'Undo mount: nothing to undo for a local volume'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "reload" -d 'Reload volumes from volume plugins (den has none: nothing changes)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from healthcheck" -f -a "run" -d 'Run a container\'s healthcheck now: prints nothing and exits 0 when the check passes, prints unhealthy and exits 1 when it fails'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "deploy" -d 'Deploy a stack from a Compose file (den compose -f FILE -p NAME up -d)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "ls" -d 'List stacks'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "ps" -d 'List the tasks (containers) of a stack'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from stack" -f -a "rm" -d 'Remove stacks: their containers and networks (volumes stay)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "ls" -d 'List services'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "ps" -d 'List the tasks (containers) of a service: STACK_SERVICE'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "systemd" -d 'A systemd unit that starts and stops a container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "spec" -d 'The container spec (den create --spec\'s input) of a container'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "kube" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "generate" -d 'Kubernetes YAML (a Pod, and a Service) for containers or a pod'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "play" -d 'Make pods, containers and volumes from Kubernetes YAML (Pod, Deployment, PersistentVolumeClaim), and start the pods'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "down" -d 'Remove the pods kube play made from a YAML file'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "check" -d 'Check this host for what den needs; print each problem with its fix (exit 0 only when nothing is wrong)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display den related system information'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show the space images, containers and volumes use'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove stopped containers, unused networks and dangling images'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove all of den\'s containers, images, volumes and networks'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "migrate" -d 'Stop the running containers and den\'s pause process, so that changed /etc/subuid and /etc/subgid ranges take effect'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "renumber" -d 'Renumber locks (den has none: nothing to do, as after a renumber)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "service" -d 'Serve podman\'s API (refused: den is daemonless)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "connection" -d 'Remote connections (refused: den works on this host only)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "create" -d 'Create a pod'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "ps" -d 'List pods'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "rm" -d 'Remove pods and their containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "start" -d 'Start pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stop" -d 'Stop pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "kill" -d 'Send a signal to pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "pause" -d 'Pause pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "unpause" -d 'Unpause pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "restart" -d 'Restart pods\' containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "logs" -d 'Show the output of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "top" -d 'Show the processes of a pod\'s containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stats" -d 'Show what a pod\'s containers use'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "exists" -d 'Exit 0 if the pod exists, 1 if not'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "prune" -d 'Remove every pod whose containers are all stopped'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "create" -d 'Create a secret from a file, - (stdin), or with --env a variable'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "ls" -d 'List secrets'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "inspect" -d 'Show secrets\' records (never their data)'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rm" -d 'Remove secrets no container uses'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "info" -d 'Display machine host info'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "init" -d 'Initialize a virtual machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "inspect" -d 'Inspect an existing machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "list" -d 'List machines'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "rm" -d 'Remove an existing machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "set" -d 'Sets a virtual machine setting'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "ssh" -d 'SSH into an existing machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "start" -d 'Start an existing machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "stop" -d 'Stop an existing machine'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create" -d 'Create a manifest list, with images in it'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "add" -d 'Add images to a manifest list'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "annotate" -d 'Change the platform or annotations of an entry of a manifest list'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Show a manifest list, or an image\'s manifest or index in a registry'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "rm" -d 'Remove manifest lists'
complete -c den -n "__fish_den_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "exists" -d 'Exit 0 if a manifest list exists, 1 if not'
