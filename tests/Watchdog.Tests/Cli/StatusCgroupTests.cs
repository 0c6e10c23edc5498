using System.Text.Json;
using Watchdog.Common.State;

namespace Watchdog.Tests.Cli;

// What `status` says of a program's cgroup: the tree's memory and task count read from it, the limits not applied.
public sealed class StatusCgroupTests : IDisposable
{
    private readonly TestRoot root = new();
    private readonly CliHarness cli = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Status_shows_the_trees_memory_and_tasks_from_its_cgroup()
    {
        var cgroup = root.Sibling("program.api");
        Directory.CreateDirectory(cgroup);
        File.WriteAllText(Path.Combine(cgroup, "memory.current"), "13107200\n");
        File.WriteAllText(Path.Combine(cgroup, "pids.current"), "3\n");
        WriteRunning("api", cgroup, null);

        var text = cli.Run("status", "--root", root.Path);
        var json = cli.Run("status", "--root", root.Path, "--json");

        Assert.Contains($"api: tree uses memory 12.5 MiB, 3 tasks (cgroup {cgroup})", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("limits not applied", text.Output, StringComparison.Ordinal);
        var program = Program(json);
        Assert.Equal(cgroup, program.GetProperty("cgroup").GetString());
        Assert.Equal(13107200UL, program.GetProperty("memory_current_bytes").GetUInt64());
        Assert.Equal(3UL, program.GetProperty("tasks_current").GetUInt64());
        Assert.Empty(program.GetProperty("unapplied_limits").EnumerateArray());
    }

    [Fact]
    public void Status_names_the_limits_a_launch_runs_without()
    {
        WriteRunning("api", null, ["memory 1 GiB (no delegated cgroup v2 subtree)", "tasks 64 (no delegated cgroup v2 subtree)"]);

        var text = cli.Run("status", "--root", root.Path);
        var json = cli.Run("status", "--root", root.Path, "--json");

        Assert.Contains("api: limits not applied: memory 1 GiB (no delegated cgroup v2 subtree); tasks 64 (no delegated cgroup v2 subtree)", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tree uses", text.Output, StringComparison.Ordinal);
        var program = Program(json);
        Assert.Equal(JsonValueKind.Null, program.GetProperty("cgroup").ValueKind);
        Assert.Equal(JsonValueKind.Null, program.GetProperty("memory_current_bytes").ValueKind);
        Assert.Equal(["memory 1 GiB (no delegated cgroup v2 subtree)", "tasks 64 (no delegated cgroup v2 subtree)"], program.GetProperty("unapplied_limits").EnumerateArray().Select(e => e.GetString()));
    }

    private void WriteRunning(string name, string? cgroup, IReadOnlyList<string>? unapplied)
    {
        var (pid, start) = TestRoot.Self;
        root.States.Write(new ProgramState(name, ProgramPhase.Running, "tag", pid, start, cli.Now.AddMinutes(-1), [], 0, null, null, null)
        {
            Cgroup = cgroup,
            UnappliedLimits = unapplied,
        });
    }

    private static JsonElement Program(CliResult result)
    {
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("programs")[0].Clone();
    }
}
