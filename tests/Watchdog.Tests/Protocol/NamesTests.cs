using Watchdog.Common.Protocol;

namespace Watchdog.Tests.Protocol;

public sealed class NamesTests
{
    [Theory]
    [InlineData("api")]
    [InlineData("api.hourly")]
    [InlineData("Worker_2-b")]
    [InlineData("0")]
    public void Names_that_follow_the_rule_are_valid(string name)
    {
        Assert.True(Names.IsValid(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("_under")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("..")]
    public void Names_that_break_the_rule_are_invalid(string name)
    {
        Assert.False(Names.IsValid(name));
    }

    [Fact]
    public void At_most_128_characters()
    {
        Assert.True(Names.IsValid(new string('a', 128)));
        Assert.False(Names.IsValid(new string('a', 129)));
    }
}
