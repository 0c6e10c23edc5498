namespace Watchdog.Cli.Json;

// `watchdog problems --json` (open problems) and `watchdog history --json` (solved ones), newest first.
internal sealed record ProblemsDocument(int Version, string Root, string Now, IReadOnlyList<ProblemJson> Problems, IReadOnlyList<string> Errors);
