namespace Drydock.Ecosystems.Versioning.RubyGems;

/// <summary>
/// Walks Gem::Version's <c>canonical_segments</c> of a valid, stripped version: the numeric release part and
/// the part from the first letter segment on, each without its trailing zeros. '-' yields a "pre" segment,
/// as Gem::Version rewrites '-' to ".pre.".
/// </summary>
internal ref struct RubyGemsSegments(ReadOnlySpan<char> version)
{
    private readonly ReadOnlySpan<char> _text = version;
    private int _position;
    private bool _inStringPart;

    public bool TryNext(out ReadOnlySpan<char> segment, out bool numeric)
    {
        while (true)
        {
            if (!Raw(ref _position, out segment, out numeric))
            {
                return false;
            }

            if (!numeric)
            {
                _inStringPart = true;
                return true;
            }

            if (!IsZero(segment))
            {
                return true;
            }

            // A zero is dropped when only zeros follow up to the end of its part (the release part ends at
            // the first letter segment; the prerelease part at the end of the string).
            var probe = _position;
            var trailing = true;
            while (Raw(ref probe, out var next, out var nextNumeric))
            {
                if (!nextNumeric)
                {
                    trailing = !_inStringPart;
                    break;
                }

                if (!IsZero(next))
                {
                    trailing = false;
                    break;
                }
            }

            if (!trailing)
            {
                return true;
            }

            // Skip the run of zeros; what follows (if anything) is a letter segment or the end.
            while (true)
            {
                var save = _position;
                if (!Raw(ref _position, out var next, out var nextNumeric))
                {
                    break;
                }

                if (!nextNumeric || !IsZero(next))
                {
                    _position = save;
                    break;
                }
            }
        }
    }

    private readonly bool Raw(scoped ref int position, out ReadOnlySpan<char> segment, out bool numeric)
    {
        var s = _text;
        while (position < s.Length && !char.IsAsciiLetterOrDigit(s[position]))
        {
            if (s[position] == '-')
            {
                position++;
                segment = "pre";
                numeric = false;
                return true;
            }

            position++;
        }

        if (position >= s.Length)
        {
            segment = default;
            numeric = false;
            return false;
        }

        var start = position;
        numeric = char.IsAsciiDigit(s[position]);
        while (position < s.Length && (numeric ? char.IsAsciiDigit(s[position]) : char.IsAsciiLetter(s[position])))
        {
            position++;
        }

        segment = s[start..position];
        return true;
    }

    private static bool IsZero(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (c != '0')
            {
                return false;
            }
        }

        return true;
    }
}
