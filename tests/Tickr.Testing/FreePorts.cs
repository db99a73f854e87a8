using System.Net;
using System.Net.Sockets;

namespace Tickr.Testing;

internal static class FreePorts
{
    /// <summary>A loopback port nothing listens on right now (the OS picks it); callers retry if it is taken before they bind.</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
