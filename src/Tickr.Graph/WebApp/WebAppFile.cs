using System.IO.Compression;
using System.Security.Cryptography;

namespace Tickr.Graph.WebApp;

/// <summary>
/// One file of the web app, held in memory as it is sent: its bytes, a brotli and a gzip copy (for text, when they
/// are smaller), a strong ETag per representation and its headers.
/// </summary>
internal sealed class WebAppFile
{
    /// <summary>Files below this size are sent as they are: compression would save less than a packet.</summary>
    private const int CompressionThreshold = 512;

    public WebAppFile(string path, byte[] content, string contentType, bool compressible, string cacheControl)
    {
        Path = path;
        ContentType = contentType;
        CacheControl = cacheControl;
        // 128 bits of SHA-256: enough to tell any two versions apart, short enough for a header.
        var tag = Convert.ToBase64String(SHA256.HashData(content), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Identity = new Representation(content, null, "\"" + tag + "\"");
        if (compressible && content.Length >= CompressionThreshold)
        {
            Brotli = Smaller(content, CompressBrotli(content), "br", tag);
            Gzip = Smaller(content, CompressGzip(content), "gzip", tag);
        }
        Compressible = Brotli is not null || Gzip is not null;
    }

    /// <summary>The path under /app/, without the leading slash, e.g. <c>assets/index-3f2a.js</c>.</summary>
    public string Path { get; }

    public string ContentType { get; }

    public string CacheControl { get; }

    /// <summary>True when a compressed copy exists (responses then vary by Accept-Encoding).</summary>
    public bool Compressible { get; }

    public Representation Identity { get; }

    public Representation? Brotli { get; }

    public Representation? Gzip { get; }

    private static Representation? Smaller(byte[] content, byte[] compressed, string encoding, string tag) =>
        compressed.Length < content.Length ? new Representation(compressed, encoding, "\"" + tag + "-" + encoding + "\"") : null;

    private static byte[] CompressBrotli(byte[] content)
    {
        // Once per process, so the densest settings (quality 11, 4 MB window) are affordable.
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(content.Length)];
        return BrotliEncoder.TryCompress(content, buffer, out var written, quality: 11, window: 22)
            ? buffer[..written]
            : content;
    }

    private static byte[] CompressGzip(byte[] content)
    {
        using var buffer = new MemoryStream(content.Length / 2);
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    /// <summary>The bytes sent for one Content-Encoding (null: identity) and their entity tag.</summary>
    internal sealed record Representation(byte[] Content, string? Encoding, string ETag);
}
