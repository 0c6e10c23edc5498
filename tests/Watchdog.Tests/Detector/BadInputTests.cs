using System.Net.Sockets;

namespace Watchdog.Tests.Detector;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("garbage")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e9")]
    [InlineData("99999999999")]
    [InlineData("2678401")]
    [InlineData("30s")]
    [InlineData("\0\u0001\u00ff binary")]
    public void Bad_content_uses_the_default_timeout_and_is_reported_once(string content)
    {
        using var s = new DetectorScenario();
        s.Heart("api", content, TimeSpan.FromSeconds(29));

        for (var i = 0; i < 5; i++)
        {
            s.Scan();
            s.Beat("api");
        }

        var heart = Assert.Single(s.Detector.Hearts);
        Assert.Equal(TimeSpan.FromSeconds(30), heart.Timeout);
        Assert.Equal(1, s.Logger.Count("using the default timeout"));
    }

    [Fact]
    public void Huge_content_is_read_no_further_than_needed_and_reported_once()
    {
        using var s = new DetectorScenario();
        s.Heart("api", new string('7', 1 << 20), TimeSpan.Zero);

        s.Scan();
        s.Scan();

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(s.Detector.Hearts).Timeout);
        Assert.Equal(1, s.Logger.Count("longer than 64 bytes"));
    }

    [Fact]
    public void A_new_bad_content_is_reported_again_and_a_fix_is_noted()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "abc", TimeSpan.Zero);
        s.Scan();
        s.Heart("api", "xyz", TimeSpan.Zero);
        s.Scan();
        s.Heart("api", "12.5", TimeSpan.Zero);
        s.Scan();

        Assert.Equal(2, s.Logger.Count("using the default timeout"));
        Assert.Equal(1, s.Logger.Count("valid timeout again"));
        Assert.Equal(TimeSpan.FromSeconds(12.5), Assert.Single(s.Detector.Hearts).Timeout);
    }

    [Fact]
    public void Content_with_white_space_and_a_fraction_is_a_valid_timeout()
    {
        using var s = new DetectorScenario();
        s.Heart("api", " 2.5 \n", TimeSpan.Zero);

        s.Scan();

        Assert.Equal(TimeSpan.FromSeconds(2.5), Assert.Single(s.Detector.Hearts).Timeout);
        Assert.Equal(0, s.Logger.Warnings);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    [InlineData("semi;colon")]
    public void Names_that_break_the_rule_are_ignored_with_one_warning(string name)
    {
        using var s = new DetectorScenario();
        s.Heart(name, "30", TimeSpan.FromHours(1));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, s.Scan().Hearts);
        }

        Assert.Empty(Directory.GetFiles(s.Layout.Problems));
        Assert.Equal(1, s.Logger.Count("the name breaks the rule"));
    }

    [Fact]
    public void Name_longer_than_128_characters_is_ignored()
    {
        using var s = new DetectorScenario();
        s.Heart(new string('a', 129), "30", TimeSpan.FromHours(1));

        Assert.Equal(0, s.Scan().Hearts);
        Assert.Empty(Directory.GetFiles(s.Layout.Problems));
    }

    [Fact]
    public void Dot_files_are_temp_files_and_ignored_silently()
    {
        using var s = new DetectorScenario();
        s.Heart(".api.123.tmp", "30", TimeSpan.FromHours(1));

        Assert.Equal(0, s.Scan().Hearts);
        Assert.Empty(s.Logger.Events);
    }

    [Fact(Timeout = 20_000)]
    public async Task Directories_symlinks_fifos_and_sockets_are_never_opened_and_warned_about_once()
    {
        using var s = new DetectorScenario();
        var old = s.Heart("target", "30", TimeSpan.FromHours(1));
        File.Move(old, Path.Combine(s.Layout.Hearts, "..", "outside"));
        Directory.CreateDirectory(s.Layout.Heart("sub"));
        File.CreateSymbolicLink(s.Layout.Heart("link"), Path.Combine(s.Layout.Hearts, "..", "outside"));
        Assert.Equal(0, Mkfifo(s.Layout.Heart("fifo"), 0x1a4));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(s.Layout.Heart("sock")));

        // A fifo opened for reading blocks until a writer comes: run the passes off the test thread.
        await Task.Run(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(0, s.Scan().Hearts);
            }
        });

        Assert.Empty(Directory.GetFiles(s.Layout.Problems));
        Assert.Equal(1, s.Logger.Count("hearts/sub: a sub-directory"));
        Assert.Equal(1, s.Logger.Count("hearts/link: a symlink (never followed)"));
        Assert.Equal(1, s.Logger.Count("hearts/fifo: a fifo (never opened)"));
        Assert.Equal(1, s.Logger.Count("hearts/sock: a socket (never opened)"));
    }

    [Fact]
    public void Junk_in_problems_is_ignored_and_not_counted()
    {
        using var s = new DetectorScenario(DetectorScenario.Defaults with { Escalate = ["/bin/true"], EscalateAfter = TimeSpan.FromSeconds(1) });
        Directory.CreateDirectory(s.Layout.Problem("sub"));
        File.WriteAllText(s.Layout.Problem("bad name"), "x");
        File.SetLastWriteTimeUtc(s.Layout.Problem("bad name"), DetectorScenario.Start.AddHours(-1).UtcDateTime);
        File.CreateSymbolicLink(s.Layout.Problem("link"), "/etc/hostname");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, s.Scan().Problems);
            s.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(s.Runner.Started);
        Assert.Equal(3, s.Logger.Count("Ignoring"));
    }

    [Fact]
    public void Replacing_a_heart_by_a_directory_is_reported_as_a_change()
    {
        using var s = new DetectorScenario();
        s.Heart("api", "30", TimeSpan.Zero);
        s.Scan();
        File.Delete(s.Layout.Heart("api"));
        Directory.CreateDirectory(s.Layout.Heart("api"));
        s.Scan();
        s.Scan();

        Assert.Equal(1, s.Logger.Count("a sub-directory"));
        Assert.False(s.HasProblem("api"));
    }

    [Fact]
    public void Name_with_a_newline_is_logged_escaped_on_one_line()
    {
        using var s = new DetectorScenario();
        s.Heart("api\n10:00:00.000 ERR forged", "30", TimeSpan.FromHours(1));

        s.Scan();

        var message = Assert.Single(s.Logger.Events, l => l.Message.Contains("Ignoring", StringComparison.Ordinal)).Message;
        Assert.DoesNotContain('\n', message);
        Assert.Contains("hearts/api\\n10:00:00.000 ERR forged: the name breaks the rule", message, StringComparison.Ordinal);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, int mode);
}
