namespace Watchdog.Common.Processes;

// Every hook run (the watchdog's escalate and on_problem, the restarter's on_give_up) gets a fresh value of this
// variable, inherited by all it starts, so that a descendant that left the hook's session or process group still
// dies with it when its tree is killed.
internal static class HookTag
{
    public const string Variable = "WATCHDOG_HOOK_TAG";

    // What a hook is told (docs/watchdog.md, docs/restarter.md): on_give_up gets Program and Reason, the watchdog's
    // hooks get Problem and ProblemFile.
    public const string Program = "WATCHDOG_PROGRAM";

    public const string Reason = "WATCHDOG_REASON";

    public const string Problem = "WATCHDOG_PROBLEM";

    public const string ProblemFile = "WATCHDOG_PROBLEM_FILE";

    // The selector of one hook run's tree: its tag, and the hook itself as the possible leader of a session.
    public static TreeSelector Selector(string tag, ProcessIdentity hook) => new($"{Variable}={tag}", hook);
}
