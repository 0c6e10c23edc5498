using Watchdog.Common.Config;
using Watchdog.Common.State;
using Watchdog.Restarter.Processes;

namespace Watchdog.Restarter.Supervision;

// What this life of the restarter knows of one program: its state as the disk has it, and the main process this
// life launched or adopted. Commit is the one way the state changes: on disk first, then in memory; the main pid
// follows the state, and a program that is not running has no hearts. A write the disk refuses leaves memory as
// the disk has it, so the next pass plans the same transition again until it lands (issue 14 §8).
internal sealed class ProgramRecord(ProgramOptions program, SupervisionContext context)
{
    // A reload's options (same name; ProgramExecutor hands them over between passes).
    public void Reconfigure(ProgramOptions options) => program = options;

    public ProgramState State { get; private set; } = ProgramTransitions.Fresh(program.Name);

    // The main process is not our child (adopted after a restarter restart): its end is seen by polling.
    public bool Adopted { get; private set; }

    // The main process (and so its session) is named only when this life launched or adopted it: a recorded pid
    // that failed adoption may now be anyone's, and is reached through the tag alone.
    public LaunchedProcess? KnownMain => main is { } known && known.Pid == State.Pid ? known : null;

    private LaunchedProcess? main;

    public void Load(ProgramState? recorded) => State = recorded ?? ProgramTransitions.Fresh(program.Name);

    public void Adopt()
    {
        main = new LaunchedProcess(State.Pid, State.PidStartTime);
        Adopted = true;
    }

    // A child of this life: its exit is claimed through the ExitBook (wake runs when it comes).
    public void Launched(LaunchedProcess process, Action wake)
    {
        main = process;
        Adopted = false;
        context.Exits.Expect(process.Pid, wake);
    }

    public void Commit(ProgramState next, bool durable = true)
    {
        try
        {
            context.States.Write(next, durable);
        }
        catch (Exception e) when (DiskFaults.IsExpected(e))
        {
            Settle(ReadBack());
            throw;
        }

        Settle(next);
    }

    private void Settle(ProgramState state)
    {
        State = state;
        if (main is { } known && known.Pid != state.Pid)
        {
            // The exit that ended this main process, if any, has been acted on.
            context.Exits.Forget(known.Pid);
            main = null;
            Adopted = false;
        }

        if (state.Phase != ProgramPhase.Running)
        {
            context.Hearts.Remove(program);
        }
    }

    // What the disk says now: a rename may have landed before a later step (the fsync) failed.
    private ProgramState ReadBack()
    {
        try
        {
            return context.States.Read(program.Name) ?? State;
        }
        catch (Exception e) when (DiskFaults.IsExpected(e) || e is InvalidDataException)
        {
            return State;
        }
    }
}
