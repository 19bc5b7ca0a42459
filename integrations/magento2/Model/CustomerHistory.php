<?php

declare(strict_types=1);

namespace Thankyou\Embed\Model;

use Magento\Newsletter\Model\SubscriberFactory;
use Magento\Sales\Model\Order;
use Magento\Sales\Model\ResourceModel\Order\CollectionFactory;
use Magento\Store\Model\StoreManagerInterface;

/**
 * The customer's history from Magento's order collection and newsletter
 * subscribers.
 */
class CustomerHistory implements HistorySource
{
    /** The history reads at most this many of a customer's latest orders. */
    public const LIMIT = 500;

    public function __construct(
        private readonly CollectionFactory $orderCollectionFactory,
        private readonly SubscriberFactory $subscriberFactory,
        private readonly StoreManagerInterface $storeManager
    ) {
    }

    /** Customers with an account are known by it, guests by their e-mail address. */
    public function pastOrders(Order $order): iterable
    {
        $orders = $this->orderCollectionFactory->create()
            ->addFieldToSelect(['entity_id', 'grand_total', 'order_currency_code', 'created_at'])
            ->addFieldToFilter('state', ['neq' => Order::STATE_CANCELED])
            ->setOrder('created_at', 'DESC')
            ->setPageSize(self::LIMIT);
        if (!$order->getCustomerIsGuest() && $order->getCustomerId()) {
            $orders->addFieldToFilter('customer_id', (int) $order->getCustomerId());
        } elseif ((string) $order->getCustomerEmail() !== '') {
            $orders->addFieldToFilter('customer_email', $order->getCustomerEmail());
        } else {
            return;
        }
        foreach ($orders as $past) {
            yield [
                'id' => $past->getEntityId(),
                'total' => $past->getGrandTotal(),
                'currency' => $past->getOrderCurrencyCode(),
                'created_at' => $past->getCreatedAt(),
            ];
        }
    }

    public function isSubscribed(Order $order): ?bool
    {
        $websiteId = (int) $this->storeManager->getStore($order->getStoreId())->getWebsiteId();
        $subscriber = $this->subscriberFactory->create();
        if (!$order->getCustomerIsGuest() && $order->getCustomerId()) {
            $subscriber->loadByCustomer((int) $order->getCustomerId(), $websiteId);
        } elseif ((string) $order->getCustomerEmail() !== '') {
            $subscriber->loadBySubscriberEmail((string) $order->getCustomerEmail(), $websiteId);
        } else {
            return null;
        }

        return $subscriber->isSubscribed();
    }
}
