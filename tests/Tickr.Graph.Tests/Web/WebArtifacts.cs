using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tickr.Graph.Tests.Web;

/// <summary>
/// Where the browser tests leave what a person looks at afterwards: <c>TestResults/web/</c> under the repository root
/// (screenshots named <c>&lt;page&gt;-&lt;size&gt;.png</c>, <c>timings.json</c> with the figures measured). The root is
/// found from the test assembly's folder (the first parent holding TickrGraph.sln), so it does not depend on the
/// directory <c>dotnet test</c> was started from.
/// </summary>
public static class WebArtifacts
{
    private static readonly Lock TimingsLock = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "TestResults", "web");
            System.IO.Directory.CreateDirectory(path);
            return path;
        }
    }

    public static string ScreenshotPath(string page, string size) => Path.Combine(Directory, $"{page}-{size}.png");

    public static string TimingsPath => Path.Combine(Directory, "timings.json");

    /// <summary>
    /// Records a figure in timings.json (read, merged, written back: each test adds its own keys). Values are numbers,
    /// arrays or objects; the file says when each was measured.
    /// </summary>
    public static void RecordTiming(string key, JsonNode value)
    {
        lock (TimingsLock)
        {
            JsonObject root;
            try
            {
                root = File.Exists(TimingsPath) ? JsonNode.Parse(File.ReadAllText(TimingsPath)) as JsonObject ?? [] : [];
            }
            catch (JsonException)
            {
                root = [];
            }
            root[key] = new JsonObject
            {
                ["value"] = value,
                ["measuredAt"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            File.WriteAllText(TimingsPath, root.ToJsonString(Indented));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                return dir.FullName;
            }
        }
        // Outside the repository (a copied build): next to the assembly.
        return AppContext.BaseDirectory;
    }
}
