namespace Tickr.Graph.Tests.Web;

/// <summary>
/// The browser tests: one collection, so its classes run one after another (each drives Chromium against two Tickr
/// servers, heavy on a 2-core machine) while other collections may run beside them. The two servers, their database
/// and Redis bus are shared by the collection (<see cref="WebServers"/>); each class has its own browser
/// (<see cref="BrowserFixture"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebServers>
{
    public const string Name = "Web app in Chromium";
}
