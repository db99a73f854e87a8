namespace Tickr.GraphQL.AspNetCore;

/// <summary>The <c>extensions.code</c> values the transports add to the engine's <see cref="ErrorCodes"/>.</summary>
public static class TransportErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string PersistedOperationsOnly = "PERSISTED_OPERATIONS_ONLY";
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
}
