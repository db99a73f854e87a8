namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The subscription bus: topic-based publish/subscribe between the code that changes data and the
/// GraphQL subscriptions that push it to clients. In-process (<see cref="InMemorySubscriptionBus"/>) or
/// shared by every server instance through Redis (<see cref="RedisSubscriptionBus"/>).
/// </summary>
public interface ISubscriptionBus : ITopicEventSender, ITopicEventReceiver
{
}
