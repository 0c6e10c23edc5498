using Watchdog.Common.Protocol;

namespace Watchdog.Heartbeat;

public sealed partial class Heart
{
    /// <summary>
    /// The program's first heart, as the restarter describes it in <c>WATCHDOG_HEARTS</c> (the hearts directory),
    /// <c>WATCHDOG_HEART</c> (the name) and <c>WATCHDOG_HEART_TIMEOUT</c> (seconds; <see cref="DefaultTimeout"/>
    /// when unset).
    /// </summary>
    /// <remarks>
    /// When <c>WATCHDOG_HEARTS</c> is not set the program is not supervised: the returned heart does nothing,
    /// <see cref="Beat"/> returns <see langword="true"/>, and the logger is told so once.
    /// </remarks>
    /// <param name="options">Throttle interval, logger and clock; <see langword="null"/> for the defaults.</param>
    /// <returns>The heart to beat.</returns>
    /// <exception cref="InvalidOperationException">
    /// A variable is malformed, or <c>WATCHDOG_HEARTS</c> is set without <c>WATCHDOG_HEART</c>: the deployment is
    /// broken and a program that silently never beats would be restarted in a loop.
    /// </exception>
    public static Heart FromEnvironment(HeartOptions? options = null) =>
        Resolve(Environment.GetEnvironmentVariable, directory: null, name: null, timeout: null, options);

    /// <summary>
    /// Another heart of the same program, in the hearts directory named by <c>WATCHDOG_HEARTS</c>: for example an
    /// hourly job's <c>api.hourly</c> with a two-hour timeout beside the request loop's <c>api</c>.
    /// </summary>
    /// <remarks>Outside supervision the returned heart does nothing, as with <see cref="FromEnvironment(HeartOptions?)"/>.</remarks>
    /// <param name="name">The heart's name: 1-128 characters from <c>A-Z a-z 0-9 . _ -</c>, starting with a letter or digit.</param>
    /// <param name="timeout">How long the heart may stay silent: 1 ms to 31 days.</param>
    /// <param name="options">Throttle interval, logger and clock; <see langword="null"/> for the defaults.</param>
    /// <returns>The heart to beat.</returns>
    /// <exception cref="ArgumentException">The name is not a valid heart name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout or the throttle interval is out of range.</exception>
    public static Heart FromEnvironment(string name, TimeSpan timeout, HeartOptions? options = null)
    {
        HeartArguments.ValidateName(name, nameof(name));
        return Resolve(Environment.GetEnvironmentVariable, directory: null, name, timeout, options);
    }

    // What is given wins; the rest comes from the environment, read only when needed.
    internal static Heart Resolve(Func<string, string?> getVariable, string? directory, string? name, TimeSpan? timeout, HeartOptions? options)
    {
        directory ??= HeartEnvironment.Directory(getVariable);
        var fromEnvironment = name is null;
        name ??= HeartEnvironment.Name(getVariable);
        if (timeout is null && (fromEnvironment || name == HeartEnvironment.Name(getVariable)))
        {
            timeout = HeartEnvironment.Timeout(getVariable);
        }

        if (directory is null)
        {
            var heart = new Heart(name ?? string.Empty, timeout ?? DefaultTimeout, options, unnamed: true);
            if (name is null)
            {
                HeartLog.UnsupervisedProgram(heart._logger, LaunchVariables.Hearts);
            }
            else
            {
                HeartLog.Unsupervised(heart._logger, name, LaunchVariables.Hearts);
            }

            return heart;
        }

        return name is null
            ? throw new InvalidOperationException($"{LaunchVariables.Hearts} is set but {LaunchVariables.Heart} is not: give the heart's name.")
            : new Heart(directory, name, timeout ?? DefaultTimeout, options);
    }
}
