using System.Collections.Concurrent;

namespace Tickr.GraphQL.AspNetCore.Persisted;

/// <summary>
/// Operations stored as <c>{id}.graphql</c> files in one folder (what a client build exports). Files are read once and
/// kept; a missing id is looked up again next time, so operations deployed later are found without a restart.
/// </summary>
public sealed class FileSystemPersistedOperationStore : IPersistedOperationStore
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, string> _loaded = new(StringComparer.Ordinal);

    public FileSystemPersistedOperationStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    public async ValueTask<string?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(id, out var cached))
        {
            return cached;
        }
        // Ids come from clients: only plain names, so no path outside the folder can be named.
        if (id.Length is 0 or > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || id.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        var path = Path.Combine(_directory, id + ".graphql");
        if (!File.Exists(path))
        {
            return null;
        }
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        _loaded.TryAdd(id, text);
        return text;
    }
}
