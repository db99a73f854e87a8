using System.Collections.Frozen;

namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>
/// The IDE files embedded in this assembly: the vendor UMD bundles that the build copies from
/// <c>ide-assets/node_modules</c> (see the csproj) and Tickr's own small script and stylesheet.
/// </summary>
internal static class GraphiQLAssets
{
    public const string React = "react.production.min.js";
    public const string ReactDom = "react-dom.production.min.js";
    public const string GraphiQLScript = "graphiql.min.js";
    public const string GraphiQLStyle = "graphiql.min.css";
    public const string GraphQLWs = "graphql-ws.min.js";
    public const string TickrScript = "tickr-ide.js";
    public const string TickrStyle = "tickr-ide.css";

    private const string ResourcePrefix = "Tickr.GraphQL.AspNetCore.Ide.";

    private static readonly Lazy<FrozenDictionary<string, GraphiQLAsset>> All = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every file, by the name used in <c>{path}/_ide/{name}</c>.</summary>
    public static FrozenDictionary<string, GraphiQLAsset> Files => All.Value;

    public static GraphiQLAsset Get(string name) => Files[name];

    private static FrozenDictionary<string, GraphiQLAsset> Load()
    {
        string[] names = [React, ReactDom, GraphiQLScript, GraphiQLStyle, GraphQLWs, TickrScript, TickrStyle];
        var assembly = typeof(GraphiQLAssets).Assembly;
        var files = new Dictionary<string, GraphiQLAsset>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException(
                    $"The IDE file '{name}' is not embedded in {assembly.GetName().Name}: the build's TickrIdeEmbedAssets target did not run.");
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            var contentType = name.EndsWith(".css", StringComparison.Ordinal)
                ? "text/css; charset=utf-8"
                : "text/javascript; charset=utf-8";
            files[name] = new GraphiQLAsset(name, contentType, content);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
