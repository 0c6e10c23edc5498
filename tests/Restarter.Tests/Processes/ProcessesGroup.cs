namespace Restarter.Tests.Processes;

// A LinuxProcessHost owns waitpid(-1) and the subreaper flag of the whole test process: every test class that
// creates one belongs to this collection, which never runs in parallel with anything.
[CollectionDefinition("processes", DisableParallelization = true)]
public sealed class ProcessesGroup
{
}
