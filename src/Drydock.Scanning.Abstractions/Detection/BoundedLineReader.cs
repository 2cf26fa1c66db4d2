using System.Text;

namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>
/// Reads lines of a layer file without ever holding more than <c>maxLineChars</c> characters of one
/// line: <see cref="StreamReader.ReadLineAsync(CancellationToken)"/> grows its buffer for as long as no
/// newline comes, so one 900 MiB line in a package database would cost gigabytes. A line past the limit
/// throws <see cref="InputLimitException"/>. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as
/// <see cref="TextReader.ReadLine"/> splits them.
/// </summary>
public sealed class BoundedLineReader : TextReader
{
    private readonly StreamReader _reader;
    private readonly int _maxLineChars;
    private readonly string _path;
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>Reads UTF-8 (or the encoding of a byte order mark) from <paramref name="content"/>,
    /// which stays open. <paramref name="path"/> names the file in the error.</summary>
    public BoundedLineReader(Stream content, string path, int maxLineChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineChars);
        _reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        _path = path;
        _maxLineChars = maxLineChars;
    }

    /// <inheritdoc/>
    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    return any ? _line.ToString() : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOfAny('\n', '\r');
            var take = end < 0 ? rest.Length : end;
            if (_line.Length + take > _maxLineChars)
            {
                throw new InputLimitException(
                    $"{_path} has a line longer than {_maxLineChars} characters, more than a package database holds; the file was not read.");
            }

            _line.Append(rest[..take]);
            _position += take;
            if (end >= 0)
            {
                _skipLineFeed = _buffer[_position] == '\r';
                _position++;
                return _line.ToString();
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
