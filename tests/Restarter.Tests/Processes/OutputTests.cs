using Watchdog.Restarter.Processes;

namespace Restarter.Tests.Processes;

[Collection("processes")]
public sealed class OutputTests : IDisposable
{
    private readonly HostHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Output_lines_reach_the_log_with_the_program_name()
    {
        harness.Launch(HostHarness.Program("printer", ["/bin/sh", "-c", "echo first; echo second >&2; printf 'no newline'"]));

        await harness.LineAsync("printer", l => l == "no newline");
        Assert.Equal(["first", "second", "no newline"], harness.OutputLines("printer"));
    }

    [Fact]
    public async Task Output_goes_to_the_configured_file_when_there_is_one()
    {
        var file = harness.Temp.Combine("printer.log");
        File.WriteAllText(file, "earlier\n");

        harness.Launch(HostHarness.Program("printer", ["/bin/sh", "-c", "echo out; echo err >&2"], output: file));

        await Poll.UntilAsync(() => File.ReadAllText(file) == "earlier\nout\nerr\n", "both lines appended to the file");
        Assert.Empty(harness.OutputLines("printer"));
    }

    [Fact]
    public async Task Very_long_line_is_logged_in_pieces()
    {
        harness.Launch(HostHarness.Program("long", ["/bin/sh", "-c", $"printf '%0{OutputPump.MaxLineBytes + 10}d\\nend\\n' 0"]));

        await harness.LineAsync("long", l => l == "end");
        Assert.Equal([OutputPump.MaxLineBytes, 10, 3], harness.OutputLines("long").Select(l => l.Length));
    }

    [Fact]
    public async Task While_one_program_floods_another_ones_output_is_still_logged_and_the_flood_is_killed()
    {
        var (flood, tag) = harness.Launch(HostHarness.TestAppProgram("flood", "flood-output"));
        await harness.LineAsync("flood", l => l.StartsWith("flood line 1000 ", StringComparison.Ordinal));

        harness.Launch(HostHarness.Program("quiet", ["/bin/sh", "-c", "echo still here"]));
        await harness.LineAsync("quiet", l => l == "still here");

        var report = await harness.Host.KillTreeAsync(harness.TagVariable, tag, flood, HostHarness.Stop(TimeSpan.FromSeconds(5)), CancellationToken.None);
        Assert.Contains(flood.Pid, report.Signalled);
        Assert.True(report.Complete, report.Describe());
    }

    [Fact]
    public async Task Output_written_while_the_restarter_was_away_is_read_after_AttachOutput()
    {
        var program = HostHarness.Program("ticker", ["/bin/sh", "-c", "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.05; done"]);
        var (process, _) = harness.Launch(program);
        await harness.LineAsync("ticker", l => l == "tick 1");

        harness.RestartHost();
        var seen = harness.OutputLines("ticker").Count;
        harness.Host.AttachOutput(program);

        await Poll.UntilAsync(() => harness.OutputLines("ticker").Count > seen + 5, "more ticks after the output was attached again");
        Assert.True(harness.Host.IsSameProcess(process.Pid, process.StartTime), "the program survived the restarter's absence");
        var numbers = harness.OutputLines("ticker").Select(l => int.Parse(l["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }

    [Fact]
    public async Task Output_FIFO_removed_behind_the_host_is_made_again_at_the_next_launch()
    {
        var program = HostHarness.Program("again", ["/bin/sh", "-c", "echo run"]);
        harness.Launch(program);
        await harness.LineAsync("again", l => l == "run");
        File.Delete(harness.Host.OutputPath("again"));

        harness.Launch(program);

        await Poll.UntilAsync(() => harness.OutputLines("again").Count == 2, "the second run's line");
    }
}
