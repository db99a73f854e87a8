using System.Net.Http.Json;
using System.Text.Json;

namespace Tickr.Bench.WsFanout;

/// <summary>The bench server's HTTP side: the <c>serverInfo</c> diagnostics and the <c>publish</c> mutation.</summary>
internal sealed class ServerProbe(Uri url) : IDisposable
{
    private readonly HttpClient _http = new();

    public sealed record Info(int Pid, long GcHeapBytes, long WorkingSetBytes, int LiveSubscriptions, long VmRssBytes);

    /// <summary>The server's figures after a full GC it runs itself, plus VmRSS read from /proc here.</summary>
    public async Task<Info> InfoAsync()
    {
        var data = await PostAsync("{ serverInfo { pid gcHeapBytes workingSetBytes liveSubscriptions } }", null);
        var info = data.GetProperty("serverInfo");
        var pid = info.GetProperty("pid").GetInt32();
        return new Info(pid, info.GetProperty("gcHeapBytes").GetInt64(), info.GetProperty("workingSetBytes").GetInt64(),
            info.GetProperty("liveSubscriptions").GetInt32(), VmRss(pid));
    }

    public async Task PublishAsync(string text)
    {
        var data = await PostAsync("mutation($text: String!) { publish(text: $text) }", new { text });
        if (!data.GetProperty("publish").GetBoolean())
        {
            throw new InvalidOperationException("publish returned false");
        }
    }

    /// <summary>Polls until the server counts <paramref name="expected"/> live subscriptions.</summary>
    public async Task WaitForLiveSubscriptionsAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int live;
        // The top-level count runs no GC (serverInfo does): polling must not disturb what it waits for.
        while ((live = (await PostAsync("{ liveSubscriptions }", null)).GetProperty("liveSubscriptions").GetInt32()) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{live} live subscriptions, expected {expected}");
            }
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> PostAsync(string query, object? variables)
    {
        using var response = await _http.PostAsJsonAsync(url, new { query, variables });
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
