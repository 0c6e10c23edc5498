using System.Diagnostics;
using System.Globalization;
using Watchdog.Heartbeat;

// A service supervised by the restarter, for the demo. It beats two hearts — its request loop ("sample",
// from the WATCHDOG_* variables the restarter sets) and a background job loop ("sample.jobs") — and now and then
// misbehaves the way real services do: it hangs, it crashes, or it leaves a setsid'ed grandchild behind.
// SAMPLE_CHAOS_EVERY (seconds, default 6) is how often it rolls the dice; 0 keeps it well-behaved.
var pid = Environment.ProcessId;
var requests = Heart.FromEnvironment();
var jobs = Heart.FromEnvironment("sample.jobs", TimeSpan.FromSeconds(4));
var chaosEvery = double.TryParse(Environment.GetEnvironmentVariable("SAMPLE_CHAOS_EVERY"), NumberStyles.Float, CultureInfo.InvariantCulture, out var every)
    ? TimeSpan.FromSeconds(every)
    : TimeSpan.FromSeconds(6);
var random = new Random(pid);
var jobsHung = false;

Say($"serving: hearts {requests.Name} ({requests.Timeout.TotalSeconds:0.#}s) and {jobs.Name} ({jobs.Timeout.TotalSeconds:0.#}s)");

var jobLoop = new Thread(() =>
{
    while (true)
    {
        if (!Volatile.Read(ref jobsHung))
        {
            jobs.Beat();
        }

        Thread.Sleep(250);
    }
})
{ IsBackground = true, Name = "jobs" };
jobLoop.Start();

var nextRoll = Stopwatch.GetTimestamp();
while (true)
{
    requests.Beat();
    Thread.Sleep(100);
    if (chaosEvery <= TimeSpan.Zero || Stopwatch.GetElapsedTime(nextRoll) < chaosEvery)
    {
        continue;
    }

    nextRoll = Stopwatch.GetTimestamp();
    var roll = random.Next(100);
    if (roll < 20)
    {
        Say("hanging: the request loop stops beating (deadlock simulated)");
        Thread.Sleep(Timeout.Infinite);
    }
    else if (roll < 30)
    {
        Say("the job loop hangs; the request loop goes on");
        Volatile.Write(ref jobsHung, true);
    }
    else if (roll < 45)
    {
        Say("crashing: unhandled exception");
        throw new InvalidOperationException("the sample service crashed on purpose");
    }
    else if (roll < 60)
    {
        LeaveGrandchild();
    }
}

// setsid -f: a double fork into a new session, the classic escapee no process group kill reaches.
static void LeaveGrandchild()
{
    using var setsid = Process.Start(new ProcessStartInfo("setsid", ["-f", "sleep", "3600"]) { UseShellExecute = false });
    setsid?.WaitForExit();
    Say("left a setsid'ed grandchild behind (sleep 3600 in its own session); the next restart must kill it too");
}

static void Say(string line) => Console.WriteLine($"pid {Environment.ProcessId}: {line}");
