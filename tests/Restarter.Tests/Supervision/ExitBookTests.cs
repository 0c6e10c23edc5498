using Microsoft.Extensions.Time.Testing;
using Watchdog.Restarter.Processes;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class ExitBookTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Exit_that_comes_before_its_launcher_expects_it_wakes_the_launcher_then()
    {
        var book = new ExitBook(time);
        var woken = 0;
        book.Add(new ChildExit(42, 1, null));
        Assert.Null(book.ExitOf(42));

        book.Expect(42, () => woken++);

        Assert.Equal(1, woken);
        Assert.Equal(new ChildExit(42, 1, null), book.ExitOf(42));
    }

    [Fact]
    public void Exit_of_an_expected_pid_wakes_its_owner_and_stays_until_the_owner_forgets_it()
    {
        var book = new ExitBook(time);
        var woken = 0;
        book.Expect(42, () => woken++);

        book.Add(new ChildExit(42, null, 9));
        time.Advance(TimeSpan.FromMinutes(5));
        book.Prune();

        Assert.Equal(1, woken);
        Assert.NotNull(book.ExitOf(42));
        book.Forget(42);
        Assert.Null(book.ExitOf(42));
    }

    [Fact]
    public void Exit_nobody_expects_goes_after_a_minute()
    {
        var book = new ExitBook(time);
        book.Add(new ChildExit(42, 0, null));
        time.Advance(TimeSpan.FromSeconds(61));

        book.Prune();
        book.Expect(42, () => { });

        Assert.Null(book.ExitOf(42));
    }
}
