namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>A feed record could not be read. An update commits all or nothing, so one malformed record
/// fails its source's update; the message names the record so that the error in <c>drydock db status</c>
/// says where to look.</summary>
public sealed class MalformedRecordException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedRecordException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedRecordException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MalformedRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one record of one source.</summary>
    /// <param name="source">The advisory source name.</param>
    /// <param name="record">The record id or its position in the document.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The underlying parse error, if any.</param>
    public MalformedRecordException(string source, string record, string reason, Exception? innerException = null)
        : base($"{source}: record {record} is malformed: {reason}", innerException)
    {
        Source = source;
        Record = record;
    }

    /// <summary>The advisory source name.</summary>
    public new string? Source { get; }

    /// <summary>The record id or position.</summary>
    public string? Record { get; }
}
