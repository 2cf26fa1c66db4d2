using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.PackageManagers.Apk;

/// <summary>
/// Alpine package versions, <c>digit{.digit}…{letter}{_suffix{number}}…{~hash}{-rN}</c>, ordered the
/// way apk-tools orders them: a token at a time, numbers by value (but as strings when either has a
/// leading zero after a dot), pre-release suffixes (_alpha, _beta, _pre, _rc) below the plain version,
/// post-release ones (_cvs, _svn, _git, _hg, _p) above it.
/// </summary>
/// <remarks>
/// Generation: apk-tools 3.0 (test/unit/version.data as of 2024-11, which added the <c>~hash</c>
/// commit token). Invalid strings still compare token by token up to the first invalid token, as the
/// library does; <see cref="TryValidate"/> rejects them.
/// </remarks>
internal sealed class ApkVersionScheme : IVersionScheme
{
    public static ApkVersionScheme Instance { get; } = new();

    private ApkVersionScheme()
    {
    }

    public string Name => "apk";

    /// <summary>Token kinds, in the order they may follow each other.</summary>
    private enum TokenKind
    {
        InitialDigit,
        Digit,
        Letter,
        Suffix,
        SuffixNumber,
        CommitHash,
        RevisionNumber,
        End,
        Invalid,
    }

    /// <summary>Suffix ranks; <see cref="None"/> is the pivot between pre- and post-release.</summary>
    private enum Suffix
    {
        Invalid,
        Alpha,
        Beta,
        Pre,
        Rc,
        None,
        Cvs,
        Svn,
        Git,
        Hg,
        P,
    }

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        var reader = new TokenReader(version);
        reader.First();
        while (reader.Kind < TokenKind.End)
        {
            reader.Next();
        }

        if (reader.Kind == TokenKind.End)
        {
            reason = null;
            return true;
        }

        reason = version.IsEmpty
            ? "version string is empty"
            : $"invalid apk version: unexpected text at position {reader.Position + 1}";
        return false;
    }

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => Compare(left, right, fuzzy: false);

    /// <summary>
    /// apk's comparison; with <paramref name="fuzzy"/>, a <paramref name="right"/> that is a token prefix of
    /// <paramref name="left"/> compares equal (the <c>~</c> dependency operator: <c>1.2.3 ~ 1.2</c>).
    /// </summary>
    public static int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right, bool fuzzy)
    {
        var a = new TokenReader(left);
        var b = new TokenReader(right);
        a.First();
        b.First();
        while (a.Kind == b.Kind && a.Kind < TokenKind.End)
        {
            var result = CompareTokens(ref a, ref b, left, right);
            if (result != 0)
            {
                return result;
            }

            a.Next();
            b.Next();
        }

        if (a.Kind == b.Kind || (b.Kind == TokenKind.End && fuzzy))
        {
            return 0;
        }

        // Equal so far: the longer version is newer unless what follows is a pre-release suffix.
        if (a.Kind == TokenKind.Suffix && a.SuffixRank < Suffix.None)
        {
            return -1;
        }

        if (b.Kind == TokenKind.Suffix && b.SuffixRank < Suffix.None)
        {
            return 1;
        }

        return a.Kind > b.Kind ? -1 : 1;
    }

    private static int CompareTokens(ref TokenReader a, ref TokenReader b, ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var va = left.Slice(a.ValueStart, a.ValueLength);
        var vb = right.Slice(b.ValueStart, b.ValueLength);
        switch (a.Kind)
        {
            case TokenKind.Digit when va[0] == '0' || vb[0] == '0':
                // A leading zero after a dot compares as a string (Gentoo rule: 1.01 < 1.1).
                return Math.Sign(va.SequenceCompareTo(vb));
            case TokenKind.Digit:
            case TokenKind.InitialDigit:
            case TokenKind.SuffixNumber:
            case TokenKind.RevisionNumber:
                return a.Number.CompareTo(b.Number);
            case TokenKind.Letter:
                return va[0].CompareTo(vb[0]);
            case TokenKind.Suffix:
                return ((int)a.SuffixRank).CompareTo((int)b.SuffixRank); // Enum.CompareTo(object) would box
            default:
                return Math.Sign(va.SequenceCompareTo(vb));
        }
    }

    /// <summary>Walks a version one token at a time without allocating.</summary>
    private ref struct TokenReader(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;

        public TokenKind Kind;
        public Suffix SuffixRank;
        public ulong Number;
        public int ValueStart;
        public int ValueLength;
        public int Position;

        public void First()
        {
            Kind = TokenKind.InitialDigit;
            ParseDigits();
        }

        public void Next()
        {
            if (Position >= _text.Length)
            {
                Kind = TokenKind.End;
                return;
            }

            var c = _text[Position];
            switch (c)
            {
                case >= 'a' and <= 'z':
                    if (Kind > TokenKind.Digit)
                    {
                        Kind = TokenKind.Invalid;
                        return;
                    }

                    ValueStart = Position;
                    ValueLength = 1;
                    Kind = TokenKind.Letter;
                    Position++;
                    return;
                case '.' or (>= '0' and <= '9'):
                    if (c == '.')
                    {
                        if (Kind > TokenKind.Digit)
                        {
                            Kind = TokenKind.Invalid;
                            return;
                        }

                        Position++;
                    }

                    switch (Kind)
                    {
                        case TokenKind.InitialDigit or TokenKind.Digit:
                            Kind = TokenKind.Digit;
                            break;
                        case TokenKind.Suffix:
                            Kind = TokenKind.SuffixNumber;
                            break;
                        default:
                            Kind = TokenKind.Invalid;
                            return;
                    }

                    ParseDigits();
                    return;
                case '_':
                    if (Kind > TokenKind.SuffixNumber)
                    {
                        Kind = TokenKind.Invalid;
                        return;
                    }

                    Position++;
                    ValueStart = Position;
                    while (Position < _text.Length && char.IsAsciiLetterLower(_text[Position]))
                    {
                        Position++;
                    }

                    ValueLength = Position - ValueStart;
                    SuffixRank = RankOf(_text.Slice(ValueStart, ValueLength));
                    Kind = SuffixRank == Suffix.Invalid ? TokenKind.Invalid : TokenKind.Suffix;
                    return;
                case '~':
                    if (Kind >= TokenKind.CommitHash)
                    {
                        Kind = TokenKind.Invalid;
                        return;
                    }

                    Position++;
                    ValueStart = Position;
                    while (Position < _text.Length && char.IsAsciiHexDigit(_text[Position]))
                    {
                        Position++;
                    }

                    ValueLength = Position - ValueStart;
                    Kind = ValueLength == 0 ? TokenKind.Invalid : TokenKind.CommitHash;
                    return;
                case '-':
                    if (Kind >= TokenKind.RevisionNumber || Position + 1 >= _text.Length || _text[Position + 1] != 'r')
                    {
                        Kind = TokenKind.Invalid;
                        return;
                    }

                    Position += 2;
                    Kind = TokenKind.RevisionNumber;
                    ParseDigits();
                    return;
                default:
                    Kind = TokenKind.Invalid;
                    return;
            }
        }

        private void ParseDigits()
        {
            ValueStart = Position;
            ulong number = 0;
            while (Position < _text.Length && char.IsAsciiDigit(_text[Position]))
            {
                number = unchecked((number * 10) + (ulong)(_text[Position] - '0'));
                Position++;
            }

            Number = number;
            ValueLength = Position - ValueStart;
            if (ValueLength == 0)
            {
                Kind = TokenKind.Invalid;
            }
        }

        private static Suffix RankOf(ReadOnlySpan<char> name)
        {
            // By first letter, then one exact comparison.
            if (name.IsEmpty)
            {
                return Suffix.Invalid;
            }

            var (rank, literal) = name[0] switch
            {
                'a' => (Suffix.Alpha, "alpha"),
                'b' => (Suffix.Beta, "beta"),
                'c' => (Suffix.Cvs, "cvs"),
                'g' => (Suffix.Git, "git"),
                'h' => (Suffix.Hg, "hg"),
                'p' when name.Length == 1 => (Suffix.P, "p"),
                'p' => (Suffix.Pre, "pre"),
                'r' => (Suffix.Rc, "rc"),
                's' => (Suffix.Svn, "svn"),
                _ => (Suffix.Invalid, string.Empty),
            };
            return name.SequenceEqual(literal) ? rank : Suffix.Invalid;
        }
    }
}
