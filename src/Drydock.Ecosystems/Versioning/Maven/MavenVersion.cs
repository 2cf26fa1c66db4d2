namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>
/// Maven's ComparableVersion item tree (Maven 4: apache/maven at maven-4.0.0-rc-6), built in a
/// caller-provided node buffer so that a comparison allocates nothing. Lists are linked through their
/// children; text is a slice of the lowercased input.
/// </summary>
internal ref struct MavenVersion
{
    /// <summary>Longer strings are rejected, as ComparableVersion does since it bounds nesting and number size.</summary>
    public const int MaxLength = 256;

    private const int Root = 0;

    private readonly Span<MavenItem> _nodes;
    private readonly ReadOnlySpan<char> _text;
    private int _count;

    private MavenVersion(Span<MavenItem> nodes, ReadOnlySpan<char> lowercased)
    {
        _nodes = nodes;
        _text = lowercased;
        _count = 0;
    }

    /// <summary>The node buffer size needed for a version of <paramref name="length"/> characters.</summary>
    public static int NodesFor(int length) => (2 * length) + 4;

    /// <summary>Parses <paramref name="lowercased"/> (already lowercased) into <paramref name="nodes"/>, which
    /// needs <see cref="NodesFor"/> entries; <paramref name="stack"/> needs as many as there are characters + 1.</summary>
    public static MavenVersion Parse(ReadOnlySpan<char> lowercased, Span<MavenItem> nodes, Span<int> stack)
    {
        var v = new MavenVersion(nodes, lowercased);
        var list = v.NewList();
        var depth = 0;
        stack[depth++] = list;
        var isDigit = false;
        var isCombination = false;
        var startIndex = 0;
        var text = lowercased;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (i == startIndex)
                {
                    v.Add(list, v.NewNumber(0, 0));
                }
                else
                {
                    v.Add(list, v.NewItem(isCombination, isDigit, startIndex, i));
                }

                isCombination = false;
                startIndex = i + 1;
            }
            else if (c == '-')
            {
                if (i == startIndex)
                {
                    v.Add(list, v.NewNumber(0, 0));
                }
                else
                {
                    // X-1 is read as X1.
                    if (!isDigit && i != text.Length - 1 && char.IsDigit(text[i + 1]))
                    {
                        isCombination = true;
                        continue;
                    }

                    v.Add(list, v.NewItem(isCombination, isDigit, startIndex, i));
                }

                startIndex = i + 1;
                if (v._nodes[list].FirstChild >= 0)
                {
                    var next = v.NewList();
                    v.Add(list, next);
                    list = next;
                    stack[depth++] = list;
                }

                isCombination = false;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > startIndex)
                {
                    isCombination = true;
                    if (v._nodes[list].FirstChild >= 0)
                    {
                        var next = v.NewList();
                        v.Add(list, next);
                        list = next;
                        stack[depth++] = list;
                    }
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > startIndex)
                {
                    v.Add(list, v.NewItem(isCombination, true, startIndex, i));
                    startIndex = i;
                    var next = v.NewList();
                    v.Add(list, next);
                    list = next;
                    stack[depth++] = list;
                    isCombination = false;
                }

                isDigit = false;
            }
        }

        if (text.Length > startIndex)
        {
            // 1.0.0.X1 < 1.0.0-X2: a trailing .X is read as -X.
            if (!isDigit && v._nodes[list].FirstChild >= 0)
            {
                var next = v.NewList();
                v.Add(list, next);
                list = next;
                stack[depth++] = list;
            }

            v.Add(list, v.NewItem(isCombination, isDigit, startIndex, text.Length));
        }

        while (depth > 0)
        {
            v.Normalize(stack[--depth]);
        }

        return v;
    }

    /// <summary>Compares two parsed versions (ComparableVersion.compareTo).</summary>
    public static int Compare(in MavenVersion left, in MavenVersion right) =>
        Math.Sign(CompareItems(left, Root, right, Root));

    private int NewList() => NewNode(new MavenItem { Kind = MavenItemKind.List });

    private int NewNumber(int start, int end) => NewNode(new MavenItem { Kind = MavenItemKind.Number, Start = start, Length = end - start });

    private int NewItem(bool isCombination, bool isDigit, int start, int end)
    {
        if (isCombination)
        {
            // The string part runs to the first digit (Character.isDigit, so any Unicode digit); the '-' of
            // "X-1" is dropped.
            var digit = start;
            while (digit < end && (_text[digit] == '-' || !char.IsDigit(_text[digit])))
            {
                digit++;
            }

            var stringEnd = digit;
            while (stringEnd > start && _text[stringEnd - 1] == '-')
            {
                stringEnd--;
            }

            return NewNode(new MavenItem
            {
                Kind = MavenItemKind.Combination,
                Start = start,
                Length = stringEnd - start,
                Qualifier = MavenQualifiers.Rank(_text[start..stringEnd], followedByDigit: true),
                DigitStart = digit,
                DigitLength = end - digit,
            });
        }

        if (isDigit)
        {
            return NewNumber(start, end);
        }

        return NewNode(new MavenItem
        {
            Kind = MavenItemKind.String,
            Start = start,
            Length = end - start,
            Qualifier = MavenQualifiers.Rank(_text[start..end], followedByDigit: false),
        });
    }

    private int NewNode(MavenItem item)
    {
        item.FirstChild = -1;
        item.LastChild = -1;
        item.Next = -1;
        item.Previous = -1;
        _nodes[_count] = item;
        return _count++;
    }

    private readonly void Add(int list, int child)
    {
        ref var l = ref _nodes[list];
        if (l.LastChild < 0)
        {
            l.FirstChild = child;
        }
        else
        {
            _nodes[l.LastChild].Next = child;
            _nodes[child].Previous = l.LastChild;
        }

        l.LastChild = child;
    }

    private readonly void Normalize(int list)
    {
        // Remove null items (0, "", ga, empty lists) at the end and before a qualifier.
        var i = _nodes[list].LastChild;
        while (i >= 0)
        {
            var previous = _nodes[i].Previous;
            if (IsNull(i))
            {
                var next = _nodes[i].Next;
                var remove = next < 0 || _nodes[next].Kind == MavenItemKind.String;
                if (!remove && _nodes[next].Kind == MavenItemKind.List && _nodes[next].FirstChild >= 0)
                {
                    var first = _nodes[_nodes[next].FirstChild].Kind;
                    remove = first is MavenItemKind.Combination or MavenItemKind.String;
                }

                if (remove)
                {
                    Unlink(list, i);
                }
            }

            i = previous;
        }
    }

    private readonly void Unlink(int list, int child)
    {
        ref var node = ref _nodes[child];
        if (node.Previous >= 0)
        {
            _nodes[node.Previous].Next = node.Next;
        }
        else
        {
            _nodes[list].FirstChild = node.Next;
        }

        if (node.Next >= 0)
        {
            _nodes[node.Next].Previous = node.Previous;
        }
        else
        {
            _nodes[list].LastChild = node.Previous;
        }
    }

    private readonly bool IsNull(int i)
    {
        ref readonly var node = ref _nodes[i];
        return node.Kind switch
        {
            MavenItemKind.Number => IsZero(_text.Slice(node.Start, node.Length)),
            MavenItemKind.String => node.Length == 0,
            MavenItemKind.List => node.FirstChild < 0,
            _ => false,
        };
    }

    private static bool IsZero(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (char.GetNumericValue(c) != 0)
            {
                return false;
            }
        }

        return true;
    }

    // Item.compareTo for every pair of kinds; b = -1 is Java's null.
    private static int CompareItems(in MavenVersion lv, int a, in MavenVersion rv, int b)
    {
        ref readonly var x = ref lv._nodes[a];
        switch (x.Kind)
        {
            case MavenItemKind.Number:
                if (b < 0)
                {
                    return IsZero(lv._text.Slice(x.Start, x.Length)) ? 0 : 1;
                }

                // A number is above any qualifier, combination or sub-list: 1.1 > 1-sp, 1.1 > 1-1.
                return rv._nodes[b].Kind == MavenItemKind.Number
                    ? CompareNumbers(lv._text.Slice(x.Start, x.Length), rv._text.Slice(rv._nodes[b].Start, rv._nodes[b].Length))
                    : 1;

            case MavenItemKind.String:
                return CompareString(lv, a, rv, b);

            case MavenItemKind.Combination:
                return CompareCombination(lv, a, rv, b);

            default:
                return CompareList(lv, a, rv, b);
        }
    }

    private static int CompareString(in MavenVersion lv, int a, in MavenVersion rv, int b)
    {
        var q = lv._nodes[a].Qualifier;
        if (b < 0)
        {
            return q.CompareTo(MavenQualifiers.Release);
        }

        ref readonly var y = ref rv._nodes[b];
        switch (y.Kind)
        {
            case MavenItemKind.Number:
                return -1;
            case MavenItemKind.String:
                return CompareQualifiers(lv, a, rv, b);
            case MavenItemKind.Combination:
                // X < X1, whatever X is.
                var result = CompareQualifiers(lv, a, rv, b);
                return result == 0 ? -1 : result;
            default:
                // StringItem.compareTo(ListItem) is -1 without looking into the list: 1.any < 1-1.
                return -1;
        }
    }

    private static int CompareCombination(in MavenVersion lv, int a, in MavenVersion rv, int b)
    {
        ref readonly var x = ref lv._nodes[a];
        if (b < 0)
        {
            // Only the string part counts against nothing: 1-rc1 < 1, 1-ga1 == 1, 1-sp1 > 1.
            return x.Qualifier.CompareTo(MavenQualifiers.Release);
        }

        ref readonly var y = ref rv._nodes[b];
        switch (y.Kind)
        {
            case MavenItemKind.Number:
                return -1;
            case MavenItemKind.String:
            {
                var result = CompareQualifiers(lv, a, rv, b);
                return result == 0 ? 1 : result; // X1 > X
            }

            case MavenItemKind.List:
                return -1;
            default:
            {
                var result = CompareQualifiers(lv, a, rv, b);
                return result != 0
                    ? result
                    : CompareNumbers(lv._text.Slice(x.DigitStart, x.DigitLength), rv._text.Slice(y.DigitStart, y.DigitLength));
            }
        }
    }

    private static int CompareQualifiers(in MavenVersion lv, int a, in MavenVersion rv, int b)
    {
        ref readonly var x = ref lv._nodes[a];
        ref readonly var y = ref rv._nodes[b];
        var result = x.Qualifier.CompareTo(y.Qualifier);
        if (result != 0 || x.Qualifier != MavenQualifiers.Unknown)
        {
            return result;
        }

        // Unknown qualifiers: Java's String.compareTo, an ordinal UTF-16 comparison.
        return lv._text.Slice(x.Start, x.Length).SequenceCompareTo(rv._text.Slice(y.Start, y.Length));
    }

    private static int CompareList(in MavenVersion lv, int a, in MavenVersion rv, int b)
    {
        ref readonly var x = ref lv._nodes[a];
        if (b < 0)
        {
            // The whole list against null, not just its first item (MNG-6964).
            for (var i = x.FirstChild; i >= 0; i = lv._nodes[i].Next)
            {
                var result = CompareItems(lv, i, rv, -1);
                if (result != 0)
                {
                    return result;
                }
            }

            return 0;
        }

        ref readonly var y = ref rv._nodes[b];
        switch (y.Kind)
        {
            case MavenItemKind.Number:
                return -1;
            case MavenItemKind.String:
            case MavenItemKind.Combination:
                // ListItem.compareTo: a sub-list is above a qualifier without looking inside (1-1 > 1-sp).
                return 1;

            default:
            {
                var l = x.FirstChild;
                var r = y.FirstChild;
                while (l >= 0 || r >= 0)
                {
                    var result = l < 0 ? -CompareItems(rv, r, lv, -1) : CompareItems(lv, l, rv, r);
                    if (result != 0)
                    {
                        return result;
                    }

                    l = l < 0 ? -1 : lv._nodes[l].Next;
                    r = r < 0 ? -1 : rv._nodes[r].Next;
                }

                return 0;
            }
        }
    }

    /// <summary>Compares digit strings as ComparableVersion's IntItem, LongItem and BigIntegerItem do: first by
    /// item type, which the length without leading ASCII zeros picks (up to 9 digits, up to 18, more), then by
    /// value. The two orders differ only for a combination's digits in other scripts ("rc٠٠٠٠٠٠٠٠٠1").</summary>
    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        var type = ItemType(a.Length).CompareTo(ItemType(b.Length));
        if (type != 0)
        {
            return type;
        }

        a = TrimZeros(a);
        b = TrimZeros(b);
        if (a.Length != b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        for (var i = 0; i < a.Length; i++)
        {
            var c = char.GetNumericValue(a[i]).CompareTo(char.GetNumericValue(b[i]));
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int ItemType(int digits) => digits <= 9 ? 0 : digits <= 18 ? 1 : 2;

    private static ReadOnlySpan<char> TrimZeros(ReadOnlySpan<char> digits)
    {
        var i = 0;
        while (i < digits.Length && char.GetNumericValue(digits[i]) == 0)
        {
            i++;
        }

        return digits[i..];
    }
}
