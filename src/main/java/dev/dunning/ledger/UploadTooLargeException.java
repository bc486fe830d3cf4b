package dev.dunning.ledger;

import org.springframework.util.unit.DataSize;

/** An upload larger than {@code dunning.imports.max-upload-size}: answered with 413 before anything of it is stored. */
class UploadTooLargeException extends RuntimeException {

    UploadTooLargeException(DataSize limit) {
        super("the upload is larger than " + readable(limit) + ", the largest one taken (dunning.imports.max-upload-size),"
                + " so nothing of it was imported; split the registry into smaller files, or put it into the drop folder");
    }

    /** 2147483648 bytes as {@code 2 GB}, 65536 as {@code 64 KB}. */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        for (DataSize unit : new DataSize[] {DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(1)}) {
            if (bytes >= unit.toBytes() && bytes % unit.toBytes() == 0) {
                String name = unit.toBytes() >= DataSize.ofTerabytes(1).toBytes() ? "TB"
                        : unit.toBytes() >= DataSize.ofGigabytes(1).toBytes() ? "GB"
                        : unit.toBytes() >= DataSize.ofMegabytes(1).toBytes() ? "MB" : "KB";
                return bytes / unit.toBytes() + " " + name;
            }
        }
        return bytes + " bytes";
    }
}
