using System.Text.Json;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>Settings shared by every bus implementation.</summary>
public class SubscriptionBusOptions
{
    /// <summary>
    /// How messages are (de)serialized: on the wire for Redis, and in-process when a subscriber asks for a
    /// different type than the publisher sent. Set a source-generated <c>TypeInfoResolver</c> here for trimming.
    /// Defaults to <see cref="JsonSerializerOptions.Web"/> (camelCase), friendly to non-.NET publishers.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = JsonSerializerOptions.Web;

    /// <summary>Queue settings for subscribers that pass no options.</summary>
    public SubscriptionOptions DefaultSubscriptionOptions { get; set; } = SubscriptionOptions.Default;
}
