using Watchdog.Common.Hosting;

namespace Watchdog.Tests.Hosting;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("api\n12:00:00.000 ERR forged line", "api\\n12:00:00.000 ERR forged line")]
    [InlineData("a\rb\tc", "a\\rb\\tc")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("esc\u001b[2J", "esc\\x1b[2J")]
    [InlineData("del\u007f c1\u0085", "del\\x7f c1\\x85")]
    [InlineData("sep\u2028par\u2029", "sep\\u2028par\\u2029")]
    [InlineData("nul\0", "nul\\x00")]
    public void Control_characters_and_the_backslash_become_escapes(string raw, string escaped) =>
        Assert.Equal(escaped, LogText.Escape(raw));

    [Fact]
    public void Plain_text_comes_back_as_the_same_instance()
    {
        var text = "api.hourly-2 ünïcödé";

        Assert.Same(text, LogText.Escape(text));
    }
}
