using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace Tickr.Graph.WebApp;

/// <summary>
/// The web app's files, embedded by the build from web/dist (Tickr.Graph.csproj, target TickrWebEmbed) under the
/// resource prefix <c>Tickr.Graph.WebApp/</c>. They never change while the process runs, so they are read and
/// compressed once per process and shared by every host in it.
/// </summary>
internal static class WebAppFiles
{
    public const string ResourcePrefix = "Tickr.Graph.WebApp/";

    public const string IndexPath = "index.html";

    /// <summary>Vite's output for hashed files: their names change with their content, so they are cached for a year.</summary>
    public const string ImmutablePrefix = "assets/";

    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Everything else (index.html, sw.js, the manifest, icons) is revalidated on each use (ETag → 304).</summary>
    public const string RevalidateCacheControl = "no-cache";

    private static readonly Lazy<FrozenDictionary<string, WebAppFile>> All =
        new(() => Load(typeof(WebAppFiles).Assembly), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every file by its path under /app/ (e.g. <c>index.html</c>, <c>assets/index-3f2a.js</c>).</summary>
    public static FrozenDictionary<string, WebAppFile> Files => All.Value;

    /// <summary>Reads and compresses the files now, off the request path (called at startup).</summary>
    public static Task WarmUpAsync() => All.IsValueCreated ? Task.CompletedTask : Task.Run(() => _ = All.Value);

    internal static FrozenDictionary<string, WebAppFile> Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".js"] = "text/javascript";
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".map"] = "application/json";
        types.Mappings[".wasm"] = "application/wasm";
        var files = new Dictionary<string, WebAppFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            var text = IsText(contentType);
            if (text)
            {
                contentType += "; charset=utf-8";
            }
            var cacheControl = path.StartsWith(ImmutablePrefix, StringComparison.Ordinal) ? ImmutableCacheControl : RevalidateCacheControl;
            files[path] = new WebAppFile(path, content, contentType, text || contentType.StartsWith("application/wasm", StringComparison.Ordinal), cacheControl);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal)
        || contentType is "application/json" or "application/manifest+json" or "image/svg+xml" or "application/xml";
}
