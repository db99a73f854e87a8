using System.Diagnostics;
using System.Text.Json;

namespace Tickr.Testing.Payments;

/// <summary>
/// Signs webhook payloads with the official <c>stripe</c> npm package (<c>stripe.webhooks.generateTestHeaderString</c>),
/// so that the server's verification is checked against Stripe's own signing code, not against itself. One node
/// process (tests/stripe-signing/sign.mjs) serves every signature of this instance, a JSON line each way.
/// </summary>
public sealed class StripeWebhookSigner : IDisposable
{
    private readonly Process _node;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public StripeWebhookSigner()
    {
        var directory = FindSigningDirectory();
        if (!File.Exists(Path.Combine(directory, "node_modules", "stripe", "package.json")))
        {
            throw new InvalidOperationException(
                $"The stripe npm package is not installed in {directory}: run 'npm ci --prefix tests/stripe-signing' (./test.sh does).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("sign.mjs");
        _node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node (Node.js 20 is required).");
        _node.StandardInput.AutoFlush = true;
        _node.ErrorDataReceived += (_, _) => { };
        _node.BeginErrorReadLine();
    }

    /// <summary>The <c>Stripe-Signature</c> header for <paramref name="payload"/>, signed at <paramref name="timestamp"/> (default now).</summary>
    public async Task<string> SignAsync(string payload, string secret, DateTimeOffset? timestamp = null)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["payload"] = payload,
            ["secret"] = secret,
            ["timestamp"] = timestamp?.ToUnixTimeSeconds(),
        });
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _node.StandardInput.WriteLineAsync(request).ConfigureAwait(false);
            var line = await _node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The stripe signing process ended.");
            using var answer = JsonDocument.Parse(line);
            if (answer.RootElement.TryGetProperty("header", out var header))
            {
                return header.GetString()!;
            }
            throw new InvalidOperationException("stripe.webhooks.generateTestHeaderString failed: " + answer.RootElement.GetProperty("error").GetString());
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _node.StandardInput.Close();
            if (!_node.WaitForExit(2000))
            {
                _node.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _node.Dispose();
        _gate.Dispose();
    }

    private static string FindSigningDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "stripe-signing");
            if (File.Exists(Path.Combine(candidate, "sign.mjs")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/stripe-signing/sign.mjs was not found above " + AppContext.BaseDirectory);
    }
}
