namespace Tickr.GraphQL.Execution;

/// <summary>
/// An object or list in the response tree under construction. Each node knows the slot it occupies in its
/// parent, so a field error can null the nearest nullable ancestor (spec §6.4.4) and error paths can be computed
/// on demand instead of being carried along for every field.
/// </summary>
internal abstract class ResultNode
{
    /// <summary>The containing object or list; null for the root object.</summary>
    public ResultNode? Parent;

    /// <summary>Index of this node's slot in <see cref="Parent"/>.</summary>
    public int ParentIndex;

    /// <summary>The slot this node occupies is of a non-null type: nulling this node nulls its parent.</summary>
    public bool NonNullInParent;

    /// <summary>A null propagated through this node: it is no longer part of the response.</summary>
    public bool Detached;

    /// <summary>True when this node or an ancestor was cut out of the response by null propagation.</summary>
    public bool IsDetached
    {
        get
        {
            for (var n = this; n is not null; n = n.Parent)
            {
                if (n.Detached) return true;
            }
            return false;
        }
    }

    public abstract object?[] Slots { get; }

    /// <summary>The response path segment of a slot (string key or int index).</summary>
    public abstract object PathSegment(int index);

    /// <summary>Builds the path (keys and indices from the root) of a slot of this node.</summary>
    public List<object> PathOf(int index)
    {
        var depth = 1;
        for (var n = this; n.Parent is not null; n = n.Parent) depth++;
        var segments = new object[depth];
        segments[depth - 1] = PathSegment(index);
        var i = depth - 2;
        for (var n = this; n.Parent is not null; n = n.Parent)
        {
            segments[i--] = n.Parent.PathSegment(n.ParentIndex);
        }
        return [.. segments];
    }
}
