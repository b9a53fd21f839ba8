package com.boxncase.invites.notifier.template;

import com.boxncase.invites.contracts.TemplateChanged;
import com.boxncase.invites.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Drops cached store templates when invite-api saves or deletes one. Every notifier instance must see every
 * notice, so each instance joins its own consumer group.
 */
@Component
class TemplateChangesListener {

    private final StoreTemplateCache cache;

    TemplateChangesListener(StoreTemplateCache cache) {
        this.cache = cache;
    }

    @KafkaListener(
            id = "template-changes",
            topics = Topics.TEMPLATE_CHANGES,
            groupId = "notifier-template-changes-${random.uuid}",
            properties = {
                "spring.json.value.default.type=com.boxncase.invites.contracts.TemplateChanged",
                "auto.offset.reset=earliest"
            })
    void onTemplateChanged(TemplateChanged notice) {
        if (notice != null && notice.storeId() != null && notice.channel() != null) {
            cache.invalidate(notice.storeId(), notice.channel());
        }
    }
}
