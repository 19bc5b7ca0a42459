<?php

declare(strict_types=1);

namespace Thankyou\Embed\Block;

use Magento\Checkout\Model\Session;
use Magento\Csp\Model\Collector\DynamicCollector;
use Magento\Csp\Model\Policy\FetchPolicy;
use Magento\Framework\Locale\ResolverInterface;
use Magento\Framework\Stdlib\CookieManagerInterface;
use Magento\Framework\View\Element\AbstractBlock;
use Magento\Framework\View\Element\Context;
use Thankyou\Common\Embed;
use Thankyou\Common\Referral;
use Thankyou\Common\Tag as ScriptTag;
use Thankyou\Embed\Model\Config;
use Thankyou\Embed\Model\OrderMapper;

/**
 * The thank-you page's tag on the checkout success page, for the order the
 * checkout session has just placed.
 */
class Tag extends AbstractBlock
{
    /** What the embed script loads from the server, for Magento's Content Security Policy. */
    private const DIRECTIVES = ['script-src', 'connect-src', 'img-src', 'media-src'];

    public function __construct(
        Context $context,
        private readonly Session $checkoutSession,
        private readonly Config $config,
        private readonly OrderMapper $mapper,
        private readonly ResolverInterface $localeResolver,
        private readonly CookieManagerInterface $cookieManager,
        private readonly DynamicCollector $cspCollector,
        array $data = []
    ) {
        parent::__construct($context, $data);
    }

    /** Never breaks the page: whatever goes wrong is logged and the tag left out. */
    protected function _toHtml(): string
    {
        $order = $this->checkoutSession->getLastRealOrder();
        try {
            if (!$order->getEntityId()) {
                return '';
            }
            $storeId = (int) $order->getStoreId();
            $settings = $this->config->settings($storeId);
            [$orderData, $customer] = $this->mapper->map($order);
            $token = (new Embed($settings))->token($orderData, $customer, [
                'locale' => $this->localeResolver->getLocale(),
                'referral' => $this->config->referrals($storeId)
                    ? Referral::clean($this->cookieManager->getCookie(Referral::COOKIE))
                    : null,
            ]);
            $this->allowServer($settings->serverUrl);

            return ScriptTag::script($settings->serverUrl, $token);
        } catch (\Throwable $error) {
            $this->_logger->warning(sprintf(
                'Thank-you page left out for order %s: %s',
                $order->getIncrementId(),
                $error->getMessage()
            ));

            return '';
        }
    }

    private function allowServer(string $serverUrl): void
    {
        $url = parse_url($serverUrl);
        $origin = $url['scheme'] . '://' . $url['host'] . (isset($url['port']) ? ':' . $url['port'] : '');
        foreach (self::DIRECTIVES as $directive) {
            $this->cspCollector->add(new FetchPolicy($directive, false, [$origin]));
        }
    }
}
