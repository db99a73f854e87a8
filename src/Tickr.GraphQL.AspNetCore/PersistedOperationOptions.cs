namespace Tickr.GraphQL.AspNetCore;

/// <summary>Where stored operations come from and whether free-form documents are accepted.</summary>
public sealed class PersistedOperationOptions
{
    /// <summary>
    /// Folder of stored operations, one file per operation named <c>{id}.graphql</c> (the id is usually the
    /// sha256 hex of the document). Null: no folder.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Refuse requests that carry document text not known as a persisted operation (production lock-down for
    /// first-party clients). Automatic persisted queries may then only use stored ids.
    /// </summary>
    public bool OnlyPersisted { get; set; }

    /// <summary>Accept Apollo-style automatic persisted queries (<c>extensions.persistedQuery.sha256Hash</c>).</summary>
    public bool EnableAutomaticPersistedQueries { get; set; } = true;

    /// <summary>Documents registered at run time by automatic persisted queries, at most (oldest evicted).</summary>
    public int AutomaticCacheSize { get; set; } = 10_000;
}
