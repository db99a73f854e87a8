namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>One embedded IDE file, held in memory with its validator and, for text, a gzip-compressed copy.</summary>
internal sealed class GraphiQLAsset
{
    private readonly Lazy<byte[]?> _gzip;

    public GraphiQLAsset(string name, string contentType, byte[] content)
    {
        Name = name;
        ContentType = contentType;
        Content = content;
        var hash = System.Security.Cryptography.SHA256.HashData(content);
        // 96 bits of the hash are plenty to tell versions apart and keep the URLs short.
        Version = Convert.ToHexStringLower(hash, 0, 12);
        ETag = "\"" + Version + "\"";
        GzipETag = "\"" + Version + "-gz\"";
        _gzip = new Lazy<byte[]?>(Compress, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    public string ContentType { get; }

    public byte[] Content { get; }

    /// <summary>A content hash, used in the page's asset URLs so that they can be cached for a year.</summary>
    public string Version { get; }

    public string ETag { get; }

    public string GzipETag { get; }

    /// <summary>The gzip copy, made on first use (GraphiQL is 3.5 MB, about 1 MB gzipped); null when it would not help.</summary>
    public byte[]? Gzip => _gzip.Value;

    private byte[]? Compress()
    {
        if (Content.Length < 1024)
        {
            return null;
        }
        using var buffer = new MemoryStream(Content.Length / 3);
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Content);
        }
        return buffer.ToArray();
    }
}
