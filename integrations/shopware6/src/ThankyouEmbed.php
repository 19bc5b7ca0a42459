<?php

declare(strict_types=1);

namespace Thankyou\Shopware;

use Shopware\Core\Framework\Plugin;

/**
 * The plugin: its services (src/Resources/config/services.xml), settings
 * (config.xml) and the finish page's template extension are found by
 * Shopware's conventions.
 */
class ThankyouEmbed extends Plugin
{
}
