using MimeKit;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// The leaves of a message in <see cref="MimeMessage.BodyParts"/> order (their index is the part index used in
/// URLs, the same for IMAP and for the practice store), with what the flat list loses: who contains whom.
/// </summary>
internal sealed class MimeTree
{
    private readonly Dictionary<MimeEntity, Multipart> _parents;

    private MimeTree(List<MimeEntity> leaves, Dictionary<MimeEntity, Multipart> parents, string? unsplitPreamble)
    {
        Leaves = leaves;
        _parents = parents;
        UnsplitPreamble = unsplitPreamble;
    }

    public IReadOnlyList<MimeEntity> Leaves { get; }

    /// <summary>The preamble of a multipart that has no parts (its boundary never matched), when not blank.</summary>
    public string? UnsplitPreamble { get; }

    /// <summary>Reads the tree; <paramref name="damaged"/> becomes true when a multipart could not be split.</summary>
    public static MimeTree Read(MimeMessage message, ref bool damaged)
    {
        var leaves = message.BodyParts.ToList();
        var parents = new Dictionary<MimeEntity, Multipart>(ReferenceEqualityComparer.Instance);
        string? unsplitPreamble = null;

        // Iterative: nesting depth comes from the sender.
        var pending = new Stack<MimeEntity>();
        if (message.Body is not null)
        {
            pending.Push(message.Body);
        }

        while (pending.TryPop(out var entity))
        {
            if (entity is not Multipart multipart)
            {
                continue;
            }

            if (multipart.Count == 0)
            {
                // A multipart without parts means its boundary never matched: what we show is what could be read.
                damaged = true;
                if (unsplitPreamble is null && !string.IsNullOrWhiteSpace(multipart.Preamble))
                {
                    unsplitPreamble = multipart.Preamble;
                }
            }

            foreach (var child in multipart)
            {
                parents[child] = multipart;
                pending.Push(child);
            }
        }

        return new MimeTree(leaves, parents, unsplitPreamble);
    }

    /// <summary>The closest multipart/alternative containing <paramref name="entity"/>, if any.</summary>
    public MultipartAlternative? NearestAlternative(MimeEntity entity)
    {
        var current = entity;
        while (_parents.TryGetValue(current, out var parent))
        {
            if (parent is MultipartAlternative alternative)
            {
                return alternative;
            }

            current = parent;
        }

        return null;
    }

    /// <summary>Whether <paramref name="entity"/> sits somewhere inside <paramref name="container"/>.</summary>
    public bool IsWithin(MimeEntity entity, Multipart container)
    {
        var current = entity;
        while (_parents.TryGetValue(current, out var parent))
        {
            if (ReferenceEquals(parent, container))
            {
                return true;
            }

            current = parent;
        }

        return false;
    }
}
