namespace Tickr.GraphQL.AspNetCore.Persisted;

/// <summary>Stored operations by id (usually the sha256 hex of the document text).</summary>
public interface IPersistedOperationStore
{
    /// <summary>The document stored under <paramref name="id"/>, or null.</summary>
    ValueTask<string?> GetAsync(string id, CancellationToken cancellationToken);
}
