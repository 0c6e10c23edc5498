using System.Diagnostics;

namespace Deploy.Tests;

// Runs a command to completion with a deadline; a command still running at the deadline is killed (its pid).
internal static class Shell
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static async Task<ShellResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? deadline = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var command = string.Join(' ', start.ArgumentList.Prepend(file));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline ?? DefaultDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{command}` still running after {(deadline ?? DefaultDeadline).TotalSeconds:0}s; killed\nstdout:\n{await output}\nstderr:\n{await error}");
        }

        return new ShellResult(command, process.ExitCode, await output, await error);
    }

    public static Task<ShellResult> RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, deadline: null);

    // Like RunAsync, and fails the test with everything the command printed when it does not exit 0.
    public static async Task<ShellResult> SucceedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments, deadline: null);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }

    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
}
