using System.Diagnostics;
using System.Globalization;

namespace Tickr.Bench.Catalog;

/// <summary>CPU time from /proc: of one process, of a PostgreSQL cluster (postmaster and backends), of the machine.</summary>
internal static class CpuSampler
{
    /// <summary>Clock ticks per second of /proc's times (USER_HZ, 100 on Linux x86-64; read once from getconf).</summary>
    public static readonly int TicksPerSecond = ReadClockTicks();

    /// <summary>utime + stime of a process, in clock ticks; null when it is gone or not visible.</summary>
    public static long? Process(int pid, bool includeWaitedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return null;
        }
        // Fields after "pid (comm)": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (includeWaitedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }
        return ticks;
    }

    /// <summary>
    /// A PostgreSQL cluster's CPU: the postmaster (with its exited, waited-for children: backends that closed during
    /// the phase) plus every live child (backends, checkpointer, walwriter, autovacuum…).
    /// </summary>
    public static long? Postgres(int postmasterPid)
    {
        var total = Process(postmasterPid, includeWaitedChildren: true);
        if (total is null)
        {
            return null;
        }
        var parent = postmasterPid.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == postmasterPid)
            {
                continue;
            }
            var fields = StatFields(pid);
            if (fields is not null && fields[1] == parent)
            {
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    /// <summary>The machine's aggregate counters from /proc/stat, in clock ticks.</summary>
    public static MachineTicks Machine()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var busy = v[0] + v[1] + v[2] + v[5] + v[6];
        var idle = v[3] + v[4];
        var steal = v.Length > 7 ? v[7] : 0;
        return new MachineTicks(busy, idle, steal);
    }

    /// <summary>The parent process id, or null.</summary>
    public static int? ParentOf(int pid) =>
        StatFields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : null;

    private static string[]? StatFields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // comm may contain spaces and parentheses: the fields start after the last ')'.
        var close = text.LastIndexOf(')');
        return close < 0 ? null : text[(close + 2)..].Split(' ');
    }

    private static int ReadClockTicks()
    {
        try
        {
            using var getconf = System.Diagnostics.Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf!.StandardOutput.ReadToEnd();
            getconf.WaitForExit();
            return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100;
        }
    }
}

/// <summary>Machine-wide CPU counters: busy (user, nice, system, irq, softirq), idle (with iowait), stolen by the hypervisor.</summary>
internal readonly record struct MachineTicks(long Busy, long Idle, long Steal)
{
    public static MachineTicks operator -(MachineTicks a, MachineTicks b) => new(a.Busy - b.Busy, a.Idle - b.Idle, a.Steal - b.Steal);

    public long Total => Busy + Idle + Steal;
}
