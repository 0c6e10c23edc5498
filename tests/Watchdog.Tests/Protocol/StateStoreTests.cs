using System.Diagnostics;
using Watchdog.Common.Protocol;
using Watchdog.Common.State;

namespace Watchdog.Tests.Protocol;

public sealed class StateStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly RootLayout layout;
    private readonly StateStore store;

    public StateStoreTests()
    {
        layout = new RootLayout(temp.Path);
        layout.EnsureCreated();
        store = new StateStore(layout);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_written_state_reads_back()
    {
        var state = new ProgramState("api", ProgramPhase.Running, "tag", 42, 7, null, [], 0, null, null, null);

        store.Write(state);

        Assert.Equal(state with { Restarts = [] }, store.Read("api")! with { Restarts = [] });
        Assert.Equal(["api"], store.Names());
    }

    [Fact]
    public void No_state_file_reads_as_null()
    {
        Assert.Null(store.Read("api"));
    }

    [Fact]
    public void Junk_is_invalid_data_that_names_the_file()
    {
        File.WriteAllText(store.PathFor("api"), "{ not json");

        var e = Assert.Throws<InvalidDataException>(() => store.Read("api"));

        Assert.Contains(store.PathFor("api"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_state_file_is_never_opened()
    {
        using (var mkfifo = Process.Start("mkfifo", [store.PathFor("api")]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => store.Read("api"));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(read, finished);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => read);
        Assert.Contains("is not a regular file", e.Message, StringComparison.Ordinal);
    }
}
