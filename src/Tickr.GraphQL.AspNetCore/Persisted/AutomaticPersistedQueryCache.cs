using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Tickr.GraphQL.AspNetCore.Persisted;

/// <summary>
/// Documents registered by clients through automatic persisted queries, by sha256 hex. Bounded: when full, the
/// oldest registrations are evicted (a client whose hash is gone simply sends the document again).
/// </summary>
internal sealed class AutomaticPersistedQueryCache
{
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _order = new();

    public AutomaticPersistedQueryCache(int capacity) => _capacity = Math.Max(1, capacity);

    public string? Get(string hash) => _documents.GetValueOrDefault(hash);

    public void Add(string hash, string document)
    {
        if (_documents.TryAdd(hash, document))
        {
            _order.Enqueue(hash);
            while (_documents.Count > _capacity && _order.TryDequeue(out var oldest))
            {
                _documents.TryRemove(oldest, out _);
            }
        }
    }

    public static string Sha256Hex(string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
