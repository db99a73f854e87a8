namespace Tickr.Client;

public enum GraphQLOperationKind
{
    Query,
    Mutation,
    Subscription,
}

/// <summary>
/// A generated operation: its name, kind, document text (operation plus the fragments it uses, exactly as sent) and
/// persisted id (lower-case sha256 hex of the document's UTF-8 bytes, as the server's persisted-operation store names it).
/// </summary>
public sealed record GraphQLOperation(string Name, GraphQLOperationKind Kind, string Document, string Id);
