package com.boxncase.invites.api.invite.imports;

import com.boxncase.invites.api.invite.BulkProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class ImportConfig {

    /**
     * Multipart uploads (the "choose a file" form) are the only multipart requests invite-api takes. Tomcat spools
     * a part to a temporary file past 256 KB, so an upload is never held in memory whole; its own limit is set past
     * the import limit (twice), so that a file a little over {@code invites.bulk.imports.max-size} is refused by the
     * import itself, with a 400 naming the line, and only an absurd one by Tomcat with a 413.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(BulkProperties properties) {
        long maxBytes = properties.imports().maxSize().toBytes();
        return new MultipartConfigElement(
                "", 2 * maxBytes, 2 * maxBytes + DataSize.ofMegabytes(1).toBytes(), (int)
                        DataSize.ofKilobytes(256).toBytes());
    }
}
