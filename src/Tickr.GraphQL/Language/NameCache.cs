using System.Runtime.CompilerServices;

namespace Tickr.GraphQL.Language;

/// <summary>
/// A small, fixed-size, lossy intern table for short names and number literals. Documents repeat the same few names
/// (field names, type names, introspection fields), so reusing the string saves an allocation per occurrence.
/// Entries are overwritten on collision, so memory stays bounded; reads and writes of one array slot are atomic,
/// so concurrent parsers may race but always see a complete string whose content they verify.
/// </summary>
internal static class NameCache
{
    private const int Size = 2048;
    private const int MaxLength = 32;
    private static readonly string?[] Entries = new string?[Size];

    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength || text.IsEmpty)
        {
            return text.IsEmpty ? string.Empty : new string(text);
        }
        var slot = Hash(text) & (Size - 1);
        var entry = Volatile.Read(ref Entries[slot]);
        if (entry is not null && text.SequenceEqual(entry))
        {
            return entry;
        }
        entry = new string(text);
        Volatile.Write(ref Entries[slot], entry);
        return entry;
    }

    /// <summary>FNV-1a over the characters: cheap for short names and stable (collisions only cost a miss).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }
        return (int)(h ^ (h >> 15));
    }
}
