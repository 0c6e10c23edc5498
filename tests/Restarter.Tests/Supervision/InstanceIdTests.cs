using System.Diagnostics;
using Watchdog.Common.Protocol;
using Watchdog.Restarter.Supervision;

namespace Restarter.Tests.Supervision;

public sealed class InstanceIdTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RootLayout layout;

    public InstanceIdTests()
    {
        layout = new RootLayout(directory.Path);
        layout.EnsureCreated();
    }

    private string FilePath => Path.Combine(layout.State, InstanceId.FileName);

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Instance_id_is_created_once_and_read_back_unchanged()
    {
        var first = InstanceId.LoadOrCreate(layout);
        var second = InstanceId.LoadOrCreate(layout);

        Assert.Equal(first, second);
        Assert.Equal(first.Value + "\n", File.ReadAllText(FilePath));
        Assert.True(Guid.TryParseExact(first.Value, "D", out _));
    }

    [Fact]
    public void Tags_carry_the_instance_id_and_only_those_are_owned()
    {
        var instance = InstanceId.LoadOrCreate(layout);
        var tag = instance.NewTag();

        Assert.StartsWith(instance.Value + ".", tag, StringComparison.Ordinal);
        Assert.True(instance.Owns(tag));
        Assert.False(instance.Owns(new InstanceId(Guid.NewGuid().ToString()).NewTag()));
        Assert.False(instance.Owns(instance.Value));
        Assert.False(instance.Owns(Guid.NewGuid().ToString()));
        Assert.True(InstanceId.IsBare(Guid.NewGuid().ToString()));
        Assert.False(InstanceId.IsBare(tag));
    }

    [Fact]
    public void Garbage_in_the_instance_file_is_a_clear_error_and_the_file_is_kept()
    {
        File.WriteAllText(FilePath, "not a uuid\n");

        var error = Assert.Throws<InvalidDataException>(() => InstanceId.LoadOrCreate(layout));

        Assert.Contains("does not hold an instance id", error.Message, StringComparison.Ordinal);
        Assert.Contains("never replaces it", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a uuid\n", File.ReadAllText(FilePath));
    }

    [Fact]
    public void Symlink_in_place_of_the_instance_file_is_refused_without_being_followed()
    {
        var outside = directory.Combine("outside");
        File.WriteAllText(outside, Guid.NewGuid() + "\n");
        File.CreateSymbolicLink(FilePath, outside);

        var error = Assert.Throws<InvalidDataException>(() => InstanceId.LoadOrCreate(layout));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifo_in_place_of_the_instance_file_is_refused_without_blocking()
    {
        using (var mkfifo = Process.Start("mkfifo", [FilePath]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Task.Run(() => InstanceId.LoadOrCreate(layout)).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("it is a fifo", error.Message, StringComparison.Ordinal);
    }
}
