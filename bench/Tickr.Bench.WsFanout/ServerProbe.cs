using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tickr.Bench.WsFanout;

/// <summary>The server's HTTP side: the publish mutation of the scenario, and the bench server's diagnostics.</summary>
internal sealed class ServerProbe : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Uri _url;
    private readonly Scenario _scenario;
    private readonly int? _pid;

    public ServerProbe(Uri url, Scenario scenario, int? pid)
    {
        _url = url;
        _scenario = scenario;
        _pid = pid;
        foreach (var header in scenario.PublishHeaders)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            _http.DefaultRequestHeaders.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }
    }

    /// <summary>GC heap is -1 when the server has no <c>serverInfo</c> (a server other than the bench server).</summary>
    public sealed record Info(int Pid, long GcHeapBytes, long VmRssBytes);

    /// <summary>The bench server's figures after a full GC it runs itself, plus VmRSS read from /proc here.</summary>
    public async Task<Info> InfoAsync()
    {
        if (_pid is { } pid)
        {
            return new Info(pid, -1, VmRss(pid));
        }
        var data = await PostAsync("{ serverInfo { pid gcHeapBytes } }", null);
        var info = data.GetProperty("serverInfo");
        var serverPid = info.GetProperty("pid").GetInt32();
        return new Info(serverPid, info.GetProperty("gcHeapBytes").GetInt64(), VmRss(serverPid));
    }

    private long _completed;

    /// <summary>Publish mutations answered so far (this run, every phase and probe).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>
    /// Runs the scenario's publish mutation for message <paramref name="sequence"/>; returns how many publishes had
    /// been answered when this one was (its rank in answer order, from 1).
    /// </summary>
    public async Task<long> PublishAsync(int sequence)
    {
        await PostAsync(_scenario.Publish, new { seq = sequence, text = Scenario.Text(sequence) });
        return Interlocked.Increment(ref _completed);
    }

    /// <summary>
    /// The bench server's count of live subscriptions (its onMessage bus subscriptions plus the members of shared
    /// groups); null for other servers.
    /// </summary>
    public async Task<int?> LiveSubscriptionsAsync()
    {
        if (_pid is not null)
        {
            return null;
        }
        var data = await PostAsync("{ liveSubscriptions sharedSubscriptions }", null);
        return data.GetProperty("liveSubscriptions").GetInt32() + data.GetProperty("sharedSubscriptions")[0].GetInt32();
    }

    private async Task<JsonElement> PostAsync(string query, object? variables)
    {
        using var response = await _http.PostAsJsonAsync(_url, new { query, variables });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        if (body.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"{query}: {errors}");
        }
        return body.RootElement.GetProperty("data").Clone();
    }

    /// <summary>CPU time (user + system) process <paramref name="pid"/> has used so far, from /proc/&lt;pid&gt;/stat.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15)
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    public static TimeSpan ClientCpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Resident set size of process <paramref name="pid"/> from /proc/&lt;pid&gt;/status (Linux).</summary>
    private static long VmRss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                // "VmRSS:     123456 kB"
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) * 1024;
            }
        }
        throw new InvalidOperationException($"No VmRSS in /proc/{pid}/status");
    }

    public void Dispose() => _http.Dispose();
}
