namespace Tickr.GraphQL.AspNetCore.Http;

/// <summary>What a request's Accept header lets the endpoint answer with.</summary>
internal enum ResponseMediaType
{
    /// <summary>Nothing acceptable: 406.</summary>
    None,

    /// <summary><c>application/graphql-response+json</c>: status codes follow the GraphQL-over-HTTP spec.</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c> (legacy): every GraphQL response is 200.</summary>
    Json,

    /// <summary><c>text/event-stream</c>: GraphQL over SSE.</summary>
    EventStream,

    /// <summary><c>text/html</c>: the IDE page.</summary>
    Html,
}
